// Formats that can appear as the payload of a journald/syslog line.
import type { LogRecord } from '../types';
import { parseFirst, type LineFormat } from './format';
import { logrus, logrusTty } from './logrus';
import { klog } from './klog';
import { zapJson } from './etcdJson';

export const PAYLOAD_FORMATS: LineFormat[] = [logrus, klog, zapJson, logrusTty];

/** Parses a journald payload with the first payload format that sniffs and matches it. */
export function parsePayload(msg: string): LogRecord | null {
  return parseFirst(PAYLOAD_FORMATS, msg);
}
