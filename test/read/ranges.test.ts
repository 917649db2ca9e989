// Where a big file is cut into parts (read/ranges.ts): only before a line that sets the scanner's
// state by itself, found near each nominal cut.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cutsOf, partStartIn, startsPart } from '../../src/read/ranges';
import { cleanup, tempDir } from '../bad-input/harness';

const LOOP = 'time="2022-12-29T17:13:37+08:00" level=info msg="Connecting to proxy" url="wss://10.0.0.12:9345/v1-rke2/connect"';

describe('a line that can start a part', () => {
  test.each([
    ['a logrus candidate with its zone', LOOP, true],
    ['the same behind a journald prefix', `Dec 29 17:13:37 ecs-w1 rke2[988]: ${LOOP}`, true],
    ['an etcd line with a UTC time', '{"level":"warn","ts":"2022-12-29T09:13:32.907Z","caller":"rafthttp/probing_status.go:68","msg":"prober detected unhealthy status","remote-peer-id":"9ed8c8a5b9b4bd3c"}', true],
    ['a quiet line (no needle)', 'time="2022-12-29T17:13:37+08:00" level=info msg="Cluster-Http-Server: handshake"', false],
    ['a klog candidate (no year, no zone)', 'I1229 09:19:12.989653       1 taint_manager.go:106] "NoExecuteTaintManager is deleting pod" pod="default/web-0"', false],
    ['a logrus time without zone', LOOP.replace('+08:00', ''), false],
    ['kubectl output (takes its time from above)', 'pod "vault-0" force deleted', false],
    ['two glued lines', LOOP + LOOP, false],
  ])('%s', (_what, line, yes) => {
    expect(startsPart(line)).toBe(yes);
  });

  test('the first whole such line of a window, after its first line break', () => {
    const quiet = 'time="2022-12-29T17:13:37+08:00" level=info msg="quiet"';
    const buf = Buffer.from(`${LOOP.slice(20)}\n${quiet}\n${LOOP}\n${LOOP}`);
    expect(partStartIn(buf)).toBe(buf.indexOf(`\n${LOOP}\n`) + 1);
    // the last line has no line break yet: not whole
    expect(partStartIn(Buffer.from(`x\n${quiet}\n${LOOP}`))).toBe(-1);
  });
});

test('cuts fall at line starts, on such lines, about a part apart', async () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'big.log');
    const quiet = 'time="2022-12-29T17:13:37+08:00" level=info msg="quiet é"';
    writeFileSync(file, Array.from({ length: 40000 }, (_, i) => (i % 97 === 0 ? LOOP : quiet)).join('\n') + '\n');
    const bytes = readFileSync(file);
    const cuts = await cutsOf(file, bytes.length, 400_000);
    expect(cuts.length).toBeGreaterThanOrEqual(4);
    expect(cuts[0]).toBe(0);
    for (const [i, c] of cuts.entries()) {
      if (i === 0) continue;
      expect(c).toBeGreaterThan(cuts[i - 1]);
      expect(bytes[c - 1]).toBe(0x0a);
      expect(bytes.toString('utf8', c, bytes.indexOf(0x0a, c))).toBe(LOOP);
    }
  } finally {
    cleanup(dir);
  }
});
