// Formats that can appear as the payload of a journald/syslog line.
import type { LogRecord } from '../types';
import { parseWith, type LineFormat } from './format';
import { logrus, logrusTty } from './logrus';
import { klog } from './klog';
import { zapJson } from './etcdJson';

export const PAYLOAD_FORMATS: LineFormat[] = [logrus, klog, zapJson, logrusTty];

/** Parses a journald payload with the first payload format that sniffs and matches it. */
export function parsePayload(msg: string): LogRecord | null {
  for (const f of PAYLOAD_FORMATS) {
    if (!f.sniff.test(msg)) continue;
    const rec = parseWith(f, msg);
    if (rec) return rec;
  }
  return null;
}
