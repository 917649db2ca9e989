// A small file read whole (scanLogBytes: no stream, no async iteration — a folder of 100,000 small
// logs) gives exactly what the stream path gives (scanLog): the same text gate (UTF-8, UTF-16 and
// UTF-32 with and without marks, binary refused), the same lines, cuts, NUL blocks, kubectl tables,
// times and runs.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { scanLog, scanLogBytes } from '../../src/read/scanLog';

const seed = readFileSync('fixtures/ecs-server-down/feng-ws1.sme-feng.athens.cloudera.com/process/1546338947-ecs-ECS_SERVER/logs/stderr.log');
const lr = (s: string) => `time="2022-12-29T17:13:${s}+08:00" level=info msg="Containerd is now running"`;
const utf16 = (s: string, bom: boolean, be = false) => {
  const le = Buffer.from(s, 'utf16le');
  const b = be ? Buffer.from(le).swap16() : le;
  return Buffer.concat([bom ? Buffer.from(be ? [0xfe, 0xff] : [0xff, 0xfe]) : Buffer.alloc(0), b]);
};
const utf32le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...s].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0)!); return b; })]);

const CASES: Array<[string, Buffer]> = [
  ['empty', Buffer.alloc(0)],
  ['three bytes', Buffer.from('ab\n')],
  ['one line, no newline', Buffer.from(lr('05'))],
  ['CRLF', Buffer.from(`${lr('05')}\r\n${lr('06')}\r\n`)],
  ['the seed server log', seed],
  ['UTF-16 LE with a mark', utf16(`${lr('05')}\n${lr('06')}\n`, true)],
  ['UTF-16 BE with a mark', utf16(`${lr('05')}\n`, true, true)],
  ['UTF-16 LE without a mark', utf16(`${lr('05')}\n${lr('06')}\n`, false)],
  ['UTF-32 LE with a mark', utf32le(`${lr('05')}\n`)],
  ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])],
  ['random bytes', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256))],
  ['a line over the 64 KiB cut', Buffer.from(`${lr('05')}\n${'x'.repeat(70_000)}\n${lr('07')}\n`)],
  ['a 4 KiB NUL block at the head and in the middle', Buffer.concat([Buffer.alloc(4096), Buffer.from(`${lr('05')}\n`), Buffer.alloc(4096), Buffer.from(`${lr('09')}\n`)])],
  ['multi-byte UTF-8', Buffer.from(`${lr('05')} ünïcödé 🚀\n`)],
  ['kubectl get nodes -o wide', Buffer.from('NAME     STATUS     ROLES                       AGE   VERSION          INTERNAL-IP\necs-m1   Ready      control-plane,etcd,master   10d   v1.28.9+rke2r1   10.0.0.11\necs-m2   NotReady   control-plane,etcd,master   10d   v1.28.9+rke2r1   10.0.0.12\n')],
];

const both = async (b: Buffer) => {
  const stream = await scanLog('x/stderr.log', Readable.from([b]), 0, {});
  const whole = scanLogBytes('x/stderr.log', b, 0, {});
  return [JSON.stringify(stream), JSON.stringify(whole)];
};

test.each(CASES)('%s: the same result read whole as through the stream', async (_name, b) => {
  const [stream, whole] = await both(b);
  expect(whole).toBe(stream);
});

test('any bytes: the same result read whole as through the stream (property)', async () => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.constantFrom(lr('05'), lr('59'), '\n', '\r\n', '\0', '-- Reboot --', 'ü'), { maxLength: 30 }), async (raw, parts) => {
    for (const b of [Buffer.from(raw), Buffer.from(parts.join(''))]) {
      const [stream, whole] = await both(b);
      expect(whole).toBe(stream);
    }
  }), { numRuns: 200 });
});

test('the comparison compares something: lines and runs read, a binary body refused, a table found', async () => {
  const s = scanLogBytes('x/stderr.log', seed, 0, {});
  expect([s.scanned!.lines, s.scanned!.runs.length > 0, s.notText]).toEqual([318, true, null]);
  expect(scanLogBytes('x/a.png', CASES[9][1], 0, {}).notText).toMatch(/binary/);
  expect(scanLogBytes('x/nodes', CASES[14][1], 0, {}).table).not.toBeNull();
  expect(scanLogBytes('x/u16', CASES[5][1], 0, {}).scanned!.lines).toBe(2);
});
