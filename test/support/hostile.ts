// A hostile variant of seed Case #1 for the escaping tests: the real fixture plus one pod-reaper
// run whose pod name is markup. The spaced payload cannot pass the reaper rule (\S+), so tests
// also inject it into the assembled report, as a crafted log could through another rule.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/analyze';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import type { Report } from '../../src/types';
import { CASE1 } from './cli';

export const HOSTILE_POD = '<img src=x onerror=alert(1)>';
export const HOSTILE_POD_NOSPACE = '<img/src=x/onerror=alert(1)>';

/** Copies Case #1 to a temp folder and adds a reaper run that force-deletes the hostile pod. */
export async function hostileCase1(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rke2-outage-hostile-'));
  await fs.cp(CASE1, dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'pod-reaper', 'pod-reaper-27871781-h0st1.log'), [
    'Thu Dec 29 09:40:03 UTC 2022 Starting pod-reaper [Reap older than: 10 minute(s)][Namespace regex: *UNKNOWN*]',
    'Thu Dec 29 09:40:03 UTC 2022 processing namespace compute-hive01',
    `Thu Dec 29 09:40:04 UTC 2022 Force delete pod ${HOSTILE_POD_NOSPACE} in namespace compute-hive01 with deletion timestamp: 2022-12-29T09:20:25Z`,
    'warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.',
    `pod "${HOSTILE_POD_NOSPACE}" force deleted`,
    '',
  ].join('\n'));
  return dir;
}

/** The hostile Case #1 report, with the spaced payload added as a pod and in an evidence line. */
export async function hostileReport(dir: string): Promise<Report> {
  const r = await analyze([dir], { timing: DEFAULT_TIMING, hosts: [] });
  const inc = r.incidents[0];
  const base = inc.pods[0];
  const text = `Thu Dec 29 09:40:02 UTC 2022 Force delete pod ${HOSTILE_POD} in namespace <b>ns</b> with deletion timestamp: 2022-12-29T09:20:25Z`;
  inc.pods.push({ ...base, name: HOSTILE_POD, namespace: '<script>alert(2)</script>', evidence: { ...base.evidence, text } });
  inc.timeline.push({ kind: 'reaper.force-delete', time: base.forceDeletedAt, node: null, peer: null, detail: { pod: HOSTILE_POD }, evidence: { ...base.evidence, line: 999, text } });
  inc.findings.push({ code: 'pod-stuck-terminating', severity: 'warning', message: `${HOSTILE_POD} may stay Terminating`, evidence: [{ ...base.evidence, line: 999, text }] });
  return r;
}
