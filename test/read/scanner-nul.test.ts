// NUL bytes do not make a log binary (DESIGN §3): a NUL run is dropped like a blank line and
// reported as a nul-block at its line, timed by the last good line above; the rest is read.
import { scanBytes, scanLines } from '../support/scanOne';

const lr = (hms: string, msg: string) => `time="2022-12-29T${hms}+08:00" level=info msg="${msg}"`;
const BLOCK = '\0'.repeat(4096);
const CRASH = [
  lr('17:13:30', 'Connecting to proxy" url="wss://10.0.0.11:9345/v1-rke2/connect'),
  lr('17:13:31', 'Handling backend connection request [ecs-w1]'),
  `${BLOCK}${lr('17:58:02', 'Starting rke2 v1.24.17+rke2r1 (5f7a4a1b)')}`,
  lr('17:58:05', 'rke2 is up and running'),
];

test.each([['per line', (l: string[]) => Promise.resolve(scanLines(l))], ['chunked', scanBytes]] as const)('%s: a 4 KiB NUL block before the next start is one nul-block, and nothing is lost', async (_n, scan) => {
  const r = await scan(CRASH);
  const nul = r.events.find((e) => e.kind === 'node.nul-block')!;
  expect(nul.evidence.line).toBe(3);
  expect(nul.detail).toEqual({ bytes: 4096 });
  expect(new Date(nul.time!).toISOString()).toBe('2022-12-29T09:13:31.000Z');
  expect(r.events.filter((e) => e.kind === 'node.starting').map((e) => e.evidence.line)).toEqual([3, 4]);
  expect(r.summary.lines).toBe(4);
});

test('a NUL block at the head of a file takes the first dated line below', () => {
  const r = scanLines([BLOCK, lr('09:00:00', 'Starting rke2 v1.24.17+rke2r1 (5f7a4a1b)')]);
  const nul = r.events.find((e) => e.kind === 'node.nul-block')!;
  expect([nul.evidence.line, new Date(nul.time!).toISOString()]).toEqual([1, '2022-12-29T01:00:00.000Z']);
});

test('a line without NULs is never a nul-block', () => {
  expect(scanLines([lr('09:00:00', 'Starting rke2 v1.24.17+rke2r1 (5f7a4a1b)'), 'x\ty']).events.map((e) => e.kind)).toEqual(['node.starting']);
});
