// Class 2 of issue 13, memory per input: 100,000 or 200,000 small inputs wait together for the
// bundle's date and node table before they are finished, so what each keeps meanwhile, and what is
// kept of it once finished, is what the run's memory grows with. Peak RSS is measured by hand on
// the built CLI (see the report); here: what is held per input, never how long or how much.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { compact, SourceScanner } from '../../src/read/scanner';
import { identify } from '../../src/read/identity';
import { InputReader } from '../../src/read/reader';
import { readInputs } from '../../src/read';
import { cleanup, tempDir } from './harness';

jest.setTimeout(120_000);

const line = (i: number) => `time="2022-12-29T09:13:${String(i % 60).padStart(2, '0')}Z" level=info msg="Connecting to proxy" url="wss://10.0.0.${(i % 200) + 1}:9345/v1-rke2/connect"`;

describe('a finished scan waiting for the other inputs', () => {
  test('keeps its lists cut to their length; an empty list is one shared, frozen list', () => {
    const sc = new SourceScanner(identify('n1/stderr.log', 0));
    for (let i = 0; i < 3; i++) sc.line(line(0)); // one repeated line: one run of three
    const s = compact(sc.result());
    expect(s.runs.length).toBe(1);
    expect(s.runs[0].count).toBe(3);
    expect(s.anchors.length).toBeGreaterThan(0);
    // nothing of the scanner rides along: the same plain fields as before, no memo or run book
    expect(Object.keys(s).sort()).toEqual(Object.keys(sc.result()).sort());
    const other = compact(new SourceScanner(identify('n2/stderr.log', 0)).result());
    expect(other.warnings).toBe(s.warnings);
    expect(other.locals).toBe(other.lags);
    expect(Object.isFrozen(other.hosts)).toBe(true);
    expect(() => (other.hosts as string[]).push('x')).toThrow(TypeError);
  });

  test('identify gives every path the same fields in the same order, the modification time included (one hidden class for every input)', () => {
    const keys = ['a/n1/stderr.log', 'ds01-2023-01-02_00_10_00/journald/rke2-server', 'x.tgz!b/c.log', '<stdin>'].map((p, i) => Object.keys(identify(p, i ? 1 : null)));
    for (const k of keys) expect(k).toEqual(['path', 'node', 'role', 'nodeFrom', 'refYear', 'refMonth', 'mtime', 'layout']);
  });
});

describe('the reader once every input is finished', () => {
  test('holds no scan, and no per-input time function unless a spool (the events command) listens', async () => {
    const reader = new InputReader();
    for (let i = 0; i < 50; i++) await reader.readStream(`b/n${i}/stderr.log`, Readable.from([Buffer.from(`${line(i)}\n${line(i + 1)}\n`)]));
    const held = reader as unknown as { opens: unknown[]; times: unknown[] };
    expect(held.opens).toHaveLength(50);
    const r = reader.finish();
    expect(r.inputs).toHaveLength(50);
    expect(held.opens).toHaveLength(0);
    expect(held.times).toHaveLength(0);
  });
});

test('2,000 small files: each input record is its coverage line only (no scanner state), the evidence of every event carries the display path of its input', async () => {
  const dir = tempDir();
  try {
    for (let i = 0; i < 2000; i++) {
      mkdirSync(path.join(dir, `n${i}`));
      writeFileSync(path.join(dir, `n${i}`, 'stderr.log'), `${line(i)}\n${line(i + 1)}\ntime="2022-12-29T09:20:00Z" level=info msg="hello ${i}"\n`);
    }
    const r = await readInputs([dir], {});
    expect(r.inputs).toHaveLength(2000);
    for (const i of r.inputs) expect(Object.keys(i).sort()).toEqual(['events', 'firstTime', 'lastTime', 'layout', 'lines', 'node', 'parsed', 'path', 'role', 'warnings']);
    expect(r.inputs[0]).toMatchObject({ path: `${path.basename(dir)}/n0/stderr.log`, lines: 3, events: 2, firstTime: '2022-12-29T09:13:00.000Z', lastTime: '2022-12-29T09:20:00.000Z' });
    const byInput = new Map<number, string>();
    for (const e of r.events) {
      expect(e.evidence.path).toBe(r.inputs[e.source].path);
      byInput.set(e.source, e.evidence.path);
    }
    expect(byInput.size).toBe(2000);
  } finally {
    cleanup(dir);
  }
});
