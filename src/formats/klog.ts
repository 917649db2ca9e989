// klog header (kubelet, controller-manager, embedded components): Lmmdd hh:mm:ss.uuuuuu pid file:line] msg
import type { LineFormat } from './format';

export const klog: LineFormat = {
  name: 'klog',
  description: 'klog: Lmmdd hh:mm:ss.uuuuuu threadid file:line] message (no year, no zone)',
  sniff: /^[IWEF]\d{4} \d\d:/,
  pattern: /^(?<level>[IWEF])(?<time>\d{4} \d\d:\d\d:\d\d(?:\.\d{1,6})?) +(?<pid>\d{1,10}) (?<proc>[^\s\]]{1,200})\] (?<msg>.*)$/,
  time: 'klog',
  fields: 'klog-structured',
  samples: [
    {
      line: 'I1229 09:19:12.989653       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="default/web-0"',
      expect: { level: 'I', proc: 'taint_manager.go:106', msg: 'NoExecuteTaintManager is deleting pod', fields: { pod: 'default/web-0' } },
    },
    {
      line: 'I1229 09:14:05.123456       1 node_lifecycle_controller.go:1366] Controller detected that zone  is now in state PartialDisruption.',
      expect: { msg: 'Controller detected that zone  is now in state PartialDisruption.' },
    },
  ],
};
