import { generate, type Scenario } from '../support/generate';
import { AT, bundleDir, CLUSTER3, runShape, timingFor } from '../support/shapes';
import { readLines } from '../../src/read/memory';
import { prepareEvents } from '../../src/assemble/prepare';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
jest.setTimeout(60000);
const walk = (d: string): string[] => readdirSync(d).flatMap((n) => { const p = path.join(d, n); return statSync(p).isDirectory() ? walk(p) : [p]; });
test('debug', async () => {
  const dir = await bundleDir();
  const s = { wording: '2023', layout: 'flat', dies: ['ecs-m1', 'ecs-m2'], stagger: [0, 4], backAfter: [990, 970] } as unknown as Partial<Scenario>;
  const g = await generate({ noise: 4, timing: timingFor('2023' as never), ...s, at: AT, nodes: CLUSTER3 } as Scenario, dir);
  const files = walk(dir).filter((f) => /m3/.test(f));
  console.log(files);
  const r = readLines(files.map((f) => ({ path: f, lines: readFileSync(f, 'utf8').split('\n') })));
  const ev = prepareEvents(r.events).filter((e) => e.time! >= Date.parse('2024-03-14T09:13:30Z') && e.time! <= Date.parse('2024-03-14T09:15:00Z'));
  console.log(ev.map((e) => `${new Date(e.time!).toISOString().slice(11, 19)} ${e.node} ${e.kind} ${e.peer} x${e.count} ${JSON.stringify(e.detail).slice(0, 80)}`).join('\n'));
});
