// Last resort for pasted message-only lines (`Stopped tunnel to 10.0.0.12:9345`, no prefix): only
// tried on lines that carry a rule needle and no other format recognises. No time of its own.
import { blankRecord, type LineFormat } from './format';

export const bare: LineFormat = {
  name: 'bare',
  description: 'message text only (pasted into a ticket); time from the nearest dated line above, else below, or none',
  sniff: /^\S/,
  pattern: /^"?(?<msg>\S[^]{0,65535}?)"?$/,
  time: 'inherit',
  build: (_line, g) => {
    const rec = blankRecord('bare');
    rec.msg = (g.msg ?? '').trimEnd();
    rec.inheritsTime = true;
    return rec;
  },
  samples: [
    { line: 'Stopped tunnel to 10.0.0.12:9345', expect: { msg: 'Stopped tunnel to 10.0.0.12:9345', level: null } },
    { line: '"Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345"', expect: { msg: 'Removing server from load balancer rke2-agent-load-balancer: 10.0.0.12:9345' } },
  ],
};
