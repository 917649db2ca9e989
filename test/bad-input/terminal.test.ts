// Class 6 of issue 13: terminal escape injection. Pod and namespace names, journald host names
// (node names), file and folder names carrying OSC 52 clipboard writes (ESC]52;), a terminal
// reset (ESC c), a screen clear and bidi overrides must reach the terminal made visible: no raw
// control character but the line break (and tab) on stdout or stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { termSafe } from '../../src/render/escape';
import { runCli } from '../support/cli';
import { cleanup, tempDir, ws1Text } from './harness';

const CLIP = '\x1b]52;c;cm0gLXJmIH4=\x07';
const RESET = '\x1bc';
const CLEAR = '\x1b[2J\x1b[H';
const BIDI = '\u202egol.\u2066x\u2069';
/** Raw control characters a terminal acts on: C0 but \n and \t, DEL, C1, bidi controls. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

let dir: string;
beforeAll(() => {
  dir = tempDir();
  const host = path.join(dir, `feng-ws1${CLEAR}`);
  mkdirSync(path.join(host, `logs${RESET}`), { recursive: true });
  writeFileSync(path.join(host, `logs${RESET}`, 'stderr.log'), ws1Text());
  // a reaper run whose pod and namespace names carry escapes
  writeFileSync(path.join(dir, `reaper${BIDI}.log`), [
    'Thu Dec 29 09:40:03 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]',
    `Thu Dec 29 09:40:04 UTC 2022 Force delete pod web${CLIP}-0 in namespace ns${RESET}${CLEAR} with deletion timestamp: 2022-12-29T09:20:25Z`,
    `pod "web${CLIP}-0" force deleted`,
    '',
  ].join('\n'));
  // a journal whose host name carries escapes (it becomes a node name)
  writeFileSync(path.join(dir, 'journal.log'), [
    `Dec 29 17:13:37 ws${RESET}9 rke2[1523]: time="2022-12-29T17:13:37+08:00" level=error msg="Remotedialer proxy error" error="websocket: close 1006 (abnormal closure): unexpected EOF"`,
    `Dec 29 17:13:53 ws${RESET}9 rke2[1523]: time="2022-12-29T17:13:53+08:00" level=info msg="Stopped tunnel to 10.113.207.142:9345"`,
    '',
  ].join('\n'));
  // a controller-manager line whose Node object name carries escapes (it becomes an incident title)
  writeFileSync(path.join(dir, 'kube-controller-manager.log'), [
    `I1229 09:14:09.413202       1 event.go:291] "Event occurred" object="wk${BIDI}${RESET}" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node wk status is now: NodeNotReady"`,
    '',
  ].join('\n'));
  // names in stderr warnings: a binary file, a truncated .gz
  writeFileSync(path.join(dir, `shot${CLIP}.log`), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(path.join(dir, `old${BIDI}${RESET}.log.gz`), gzipSync(ws1Text()).subarray(0, 2000));
});
afterAll(() => cleanup(dir));

test('termSafe makes every control and bidi character visible and leaves text alone', () => {
  expect(termSafe(`a${CLIP}b${RESET}${BIDI}\u0085\u007f\ttab\nline`)).toBe('a\\x1b]52;c;cm0gLXJmIH4=\\x07b\\x1bc\\u202egol.\\u2066x\\u2069\\x85\\x7f\\x09tab\\x0aline');
  expect(termSafe('ünïcödé 🚀 10.0.0.1:9345 "quoted"')).toBe('ünïcödé 🚀 10.0.0.1:9345 "quoted"');
});

test.each(['table', 'markdown'])('stderr of --format %s carries no raw control character', async (format) => {
  // warnings go to stderr when the report does not go to the terminal (on a terminal they are in the report)
  const r = await runCli([dir, '--format', format, '--output', path.join(dir, `out.${format === 'table' ? 'txt' : 'md'}`)], { tty: true, env: { COLUMNS: '200' } });
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/shot\\x1b\]52;c;cm0gLXJmIH4=\\x07\.log: skipped \(binary content, not a log\)/);
  expect(r.stderr).toMatch(/old\\u202egol\.\\u2066x\\u2069\\x1bc\.log\.gz: read error/);
  expect(r.stderr.replace(/\r\x1b\[2K/g, '')).not.toMatch(RAW);
});

test('stderr of the events command carries no raw control character', async () => {
  const r = await runCli(['events', dir]);
  expect(r.code).toBe(0);
  expect(r.stderr).not.toMatch(RAW);
});

/** stdout of a report, the table's own colour codes aside. */
async function stdoutOf(format: string): Promise<string> {
  const r = await runCli([dir, '--format', format], { tty: true, env: { COLUMNS: '200' } });
  expect(r.code).toBe(0);
  return r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
}

test.each(['markdown', 'jira'])('stdout of --format %s carries no raw control character', async (format) => {
  expect(await stdoutOf(format)).not.toMatch(RAW);
});

test('stdout of --format table carries no raw control character', async () => {
  expect(await stdoutOf('table')).not.toMatch(RAW);
});
