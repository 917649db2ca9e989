// zap JSON (etcd server and the etcd client inside rke2): {"level":..,"ts":..,"msg":..}
import type { LogRecord } from '../types';
import { blankRecord, type LineFormat } from './format';
import { readRfc3339, validInstant } from './timestamps';

/** Deepest nesting a line may have: deeper is garbage (and JSON.stringify would run out of stack). */
const MAX_DEPTH = 64;

/** True when `{`/`[` nest deeper than `max` outside strings (one linear scan, no recursion). */
export function nestsDeeper(line: string, max = MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > max) return true; }
    else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** Flattens a zap JSON line into a record; numbers and nested values become strings. A bad `ts` makes no record. */
function buildZap(line: string): LogRecord | null {
  if (nestsDeeper(line)) return null;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return null;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return null;
  const o = obj as Record<string, unknown>;
  if (typeof o.msg !== 'string' || typeof o.level !== 'string') return null;
  const rec = blankRecord('zap-json');
  rec.level = o.level;
  rec.msg = o.msg;
  const ts = typeof o.ts === 'string' ? o.ts : typeof o.time === 'string' ? o.time : null;
  if (ts) {
    const t = readRfc3339(ts);
    if (t.time === null && t.local === null) return null;
    rec.time = t.time;
    rec.local = t.local;
    rec.offsetMin = t.offsetMin;
  } else if (typeof o.ts === 'number') {
    const t = Math.round(o.ts * 1000); // zap epoch seconds
    if (!validInstant(t)) return null;
    rec.time = t;
  }
  for (const [k, v] of Object.entries(o)) {
    if (k === 'msg' || k === 'level' || k === 'ts') continue;
    rec.fields[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return rec;
}

export const zapJson: LineFormat = {
  name: 'zap-json',
  description: 'etcd / etcd-client zap JSON and logrus JSON: {"level":...,"ts":...,"msg":...}',
  sniff: /^\{"/,
  pattern: /^\{".*\}$/,
  time: 'rfc3339',
  build: (line) => buildZap(line),
  samples: [
    {
      line: '{"level":"warn","ts":"2022-12-29T09:13:32.907Z","caller":"rafthttp/probing_status.go:70","msg":"prober detected unhealthy status","round-tripper-name":"ROUND_TRIPPER_RAFT_MESSAGE","remote-peer-id":"9ed8c8a5b9b4bd3c","rtt":"1.203481ms","error":"dial tcp 10.0.0.12:2380: connect: no route to host"}',
      expect: { time: '2022-12-29T09:13:32.907Z', level: 'warn', msg: 'prober detected unhealthy status' },
    },
    { line: '{"level":"warn","ts":"2023-11-22T17:13:41.233417+0800","logger":"etcd-client","msg":"retrying of unary invoker failed"}', expect: { time: '2023-11-22T09:13:41.233Z' } },
    { line: '{"level":"info","msg":"reaping pod","pod":"hello-cloud","time":"2017-10-18T17:09:55Z"}', expect: { time: '2017-10-18T17:09:55.000Z', msg: 'reaping pod' } },
  ],
};
