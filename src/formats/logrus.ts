// logrus TextFormatter (rke2, k3s, containerd): time="RFC3339" level=x msg="..." fields sorted.
import { blankRecord, type LineFormat } from './format';
import { parseLogfmt } from './logfmt';

export const logrus: LineFormat = {
  name: 'logrus',
  description: 'logrus text (rke2, k3s, containerd, governor): time="..." level=... msg=...',
  sniff: /^time=/,
  pattern: /^time="?(?<time>[0-9T:.+\-Z ]{19,40})"? level=(?<level>[a-z]+) (?<rest>.*)$/,
  time: 'rfc3339',
  fields: 'logfmt-rest',
  samples: [
    {
      line: 'time="2022-12-29T17:13:37+08:00" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"',
      expect: { time: '2022-12-29T09:13:37.000Z', level: 'error', msg: 'Remotedialer proxy error', fields: { error: 'websocket: close 1006 (abnormal closure): unexpected EOF' } },
    },
    {
      line: 'time="2022-12-29T17:14:20+08:00" level=warning msg="APIServer isn\'t ready yet: [+]ping ok\\n[-]etcd failed: reason withheld\\n. Waiting a little while."',
      expect: { level: 'warning', msg: "APIServer isn't ready yet: [+]ping ok\n[-]etcd failed: reason withheld\n. Waiting a little while." },
    },
    { line: 'time="2024-02-16T14:33:00+01:00" level=info msg=Proxy', expect: { time: '2024-02-16T13:33:00.000Z', msg: 'Proxy' } },
    {
      line: 'time="2022-12-29T09:13:37.123456789Z" level=info msg="starting containerd" revision= version=v1.5.13-k3s1',
      expect: { time: '2022-12-29T09:13:37.123Z', msg: 'starting containerd', fields: { revision: '', version: 'v1.5.13-k3s1' } },
    },
    { line: 'time="2022-12-29T17:13:37+08:00" level=error msg="Remotedialer proxy err', expect: { msg: 'Remotedialer proxy err' } },
  ],
};

/** logrus TTY form: `ERRO[1700] message    key=value`; seconds since start only. */
export const logrusTty: LineFormat = {
  name: 'logrus-tty',
  description: 'logrus TTY (console capture): LEVL[secs] message, no absolute time',
  sniff: /^(?:INFO|WARN|ERRO|DEBU|FATA|PANI|TRAC)\[\d/,
  pattern: /^(?<level>INFO|WARN|ERRO|DEBU|FATA|PANI|TRAC)\[(?<time>\d{1,10})\] (?<msg>.*)$/,
  time: 'none',
  build: (_line, g) => {
    const rec = blankRecord('logrus-tty');
    rec.level = g.level ?? null;
    rec.relSeconds = Number(g.time);
    const text = g.msg ?? '';
    // the message is padded to 44 columns; fields follow after two or more spaces
    const cut = /(?<!\s)\s{2,}(?=[A-Za-z_][\w.-]{0,64}=)/.exec(text);
    rec.msg = cut ? text.slice(0, cut.index) : text.trimEnd();
    if (cut) parseLogfmt(text.slice(cut.index), rec.fields);
    return rec;
  },
  samples: [
    { line: 'ERRO[1700] Remotedialer proxy error                      error="websocket: close 1006 (abnormal closure): unexpected EOF"', expect: { level: 'ERRO', msg: 'Remotedialer proxy error', fields: { error: 'websocket: close 1006 (abnormal closure): unexpected EOF' } } },
  ],
};
