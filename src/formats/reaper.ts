// Cloudera ECS pod-reaper: every own line starts with date(1); kubectl output sits between them.
import type { LineFormat } from './format';

export const reaper: LineFormat = {
  name: 'pod-reaper',
  description: 'Cloudera pod-reaper: `Thu Dec 29 09:40:02 UTC 2022 <message>` (date(1) prefix, day space-padded)',
  sniff: /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} [ \d]\d /,
  pattern: /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<time>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (?:[A-Za-z]{1,6}|[+-]\d{2,4}) \d{4}) (?<msg>.*)$/,
  time: 'date1',
  samples: [
    {
      line: 'Thu Dec 29 09:40:02 UTC 2022 Force delete pod hiveserver2-0 in namespace compute-hive01 with deletion timestamp: 2022-12-29T09:20:25Z',
      expect: { time: '2022-12-29T09:40:02.000Z', msg: 'Force delete pod hiveserver2-0 in namespace compute-hive01 with deletion timestamp: 2022-12-29T09:20:25Z' },
    },
    { line: 'Thu Jan  5 09:40:01 UTC 2023 processing namespace cdp', expect: { time: '2023-01-05T09:40:01.000Z', msg: 'processing namespace cdp' } },
  ],
};

export const kubectl: LineFormat = {
  name: 'kubectl',
  description: 'kubectl output inside reaper logs (no time: takes the nearest dated line above, or below when none is above)',
  sniff: /^(?:[Ww]arning: |pod "|Error from server|error: )/,
  pattern: /^(?<msg>(?:[Ww]arning: Immediate deletion does not wait|pod "[^"]{1,253}" (?:force )?deleted|Error from server|error: ).*)$/,
  time: 'inherit',
  samples: [
    { line: 'pod "hiveserver2-0" force deleted', expect: { msg: 'pod "hiveserver2-0" force deleted' } },
    { line: 'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.', expect: { msg: 'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.' } },
  ],
};

export const cmLauncher: LineFormat = {
  name: 'cm-launcher',
  description: 'Cloudera Manager launcher / agent: [21/Oct/2020 14:56:56 +0000] pid thread logger LEVEL msg',
  sniff: /^\[\d\d\/[A-Z][a-z]{2}\/\d{4} /,
  pattern: /^\[(?<time>\d\d\/[A-Z][a-z]{2}\/\d{4} \d\d:\d\d:\d\d [+-]\d{4})\] (?<pid>\d{1,10}) \S{1,100} (?<proc>\S{1,100}) +(?<level>[A-Z]{1,10}) +(?<msg>.*)$/,
  time: 'clf',
  samples: [
    { line: '[21/Oct/2020 14:56:56 +0000] 105531 MainThread redactor     INFO     Started launcher: /opt/cloudera/cm-agent/service/ecs/ecs.sh', expect: { time: '2020-10-21T14:56:56.000Z', level: 'INFO', proc: 'redactor', msg: 'Started launcher: /opt/cloudera/cm-agent/service/ecs/ecs.sh' } },
  ],
};
