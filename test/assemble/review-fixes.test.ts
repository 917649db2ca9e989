// Fixes from the final review: zone changes, unnamed observers, later outages of a node, the temp file.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SourceScanner } from '../../src/read/scanner';
import { finishAlone } from '../../src/read/finish';
import { writeAtomic } from '../../src/cli/output';
import { reportOf, at } from '../support/scan';

describe('a year-less line takes the zone in force above it', () => {
  test('a DST change further down does not move it by an hour', () => {
    const sc = new SourceScanner({ path: 'rke2-server', node: 'ecs-m1', role: 'server', nodeFrom: null, refYear: null, mtime: null });
    sc.line('Mar 31 01:40:00 ecs-m1 rke2[1532]: time="2024-03-31T01:40:00+01:00" level=info msg="Stopped tunnel to 10.0.0.13:9345"');
    for (let i = 0; i < 2000; i++) sc.line('Mar 31 01:45:00 ecs-m1 rke2[1532]: I0331 01:45:00.000000    1532 reflector.go:441] watch of *v1.Secret ended');
    sc.line('Mar 31 01:50:00 ecs-m1 rke2[1532]: I0331 01:50:00.000000    1532 event.go:291] "Event occurred" object="ecs-w2" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ecs-w2 status is now: NodeNotReady"');
    for (let i = 0; i < 100; i++) sc.line('Mar 31 03:10:00 ecs-m1 rke2[1532]: time="2024-03-31T03:10:00+02:00" level=info msg="Stopped tunnel to 10.0.0.14:9345"');
    const nr = finishAlone(sc.result()).events.find((e) => e.kind === 'node.not-ready')!;
    expect(new Date(nr.time!).toISOString()).toBe('2024-03-31T00:50:00.000Z');
  });
});

describe('two observers without names', () => {
  test('the same line in the same second from two survivors is two observers, not a repeat', () => {
    const line = at('17:13:53', 'info', 'Stopped tunnel to 10.0.0.11:9345');
    const r = reportOf([
      { path: 'a/rke2.log', lines: ['x', line] },
      { path: 'b/rke2.log', lines: [line] },
    ]);
    expect(r.findings.map((f) => f.code)).not.toContain('repeated-input');
    expect(r.incidents[0].timeline.filter((e) => e.kind === 'tunnel.stopped')).toHaveLength(2);
  });
});

describe('a node that never came back and later goes NotReady again', () => {
  const nr = (day: string, hms: string) => `I12${day} ${hms}.413202       1 event.go:291] "Event occurred" object="ds04" kind="Node" apiVersion="v1" type="Normal" reason="NodeNotReady" message="Node ds04 status is now: NodeNotReady"`;
  test('the later NotReady, days after the first outage, opens its own incident', () => {
    const r = reportOf([{ path: 'kcm.log', year: 2022, lines: [nr('27', '12:02:45'), nr('29', '08:00:00')] }]);
    expect(r.incidents.map((i) => [i.peer.node, i.start])).toEqual([
      ['ds04', '2022-12-27T12:02:05.413Z'],
      ['ds04', '2022-12-29T07:59:20.413Z'],
    ]);
  });
});

describe('--output temp file', () => {
  test('a link planted at the temp name is not followed', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2o-'));
    const victim = path.join(dir, 'victim.txt');
    await fs.writeFile(victim, 'keep');
    await fs.symlink(victim, path.join(dir, `.report.txt.${process.pid}.tmp`));
    await expect(writeAtomic(path.join(dir, 'report.txt'), 'report')).rejects.toThrow(/cannot write/);
    expect(await fs.readFile(victim, 'utf8')).toBe('keep');
    await fs.rm(dir, { recursive: true });
  });
});
