// Shared by the bundle tests: a small cluster, a temp folder, analyze() over generated files, and
// the incident reduced to what the generator predicts.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../src/analyze';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import type { Incident, MilestoneName, Report, TimingModel } from '../../src/types';
import type { GenNode } from './wording';
import type { Expected } from './generate';

/** Three servers and two agents, RKE2 HA as in the reference examples. */
export const CLUSTER: GenNode[] = [
  { name: 'ecs-m1', ip: '10.0.0.11', role: 'server' },
  { name: 'ecs-m2', ip: '10.0.0.12', role: 'server' },
  { name: 'ecs-m3', ip: '10.0.0.13', role: 'server' },
  { name: 'ecs-w1', ip: '10.0.0.21', role: 'agent' },
  { name: 'ecs-w2', ip: '10.0.0.22', role: 'agent' },
];

export async function tempDir(tag: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `rke2-outage-${tag}-`));
}

export function run(paths: string[], timing: TimingModel = DEFAULT_TIMING): Promise<Report> {
  return analyze(paths, { timing, hosts: [] });
}

/** The parts of an incident the generator predicts, in the generator's shape. */
export function observed(inc: Incident): Expected {
  const milestones = Object.fromEntries(Object.entries(inc.milestones).map(([k, v]) => [k, v?.time ?? null])) as Record<MilestoneName, string | null>;
  return {
    peer: { address: inc.peer.address, node: inc.peer.node },
    start: inc.start,
    estimated: inc.estimatedStart,
    milestones,
    durations: inc.durations,
    pods: inc.pods.map((p) => `${p.namespace}/${p.name}`).sort(),
  };
}

/** Expected with its pods sorted, to compare with observed() (null: the scenario predicts no incident). */
export function sortedPods(e: Expected | null): Expected | null {
  return e && { ...e, pods: [...e.pods].sort() };
}

/** Every incident of a report in the generator's shape, to compare with `expectedList`. */
export function observedAll(r: Report): Expected[] {
  return r.incidents.map(observed);
}

/** What the generator predicts as the report's incident list. */
export function expectedList(e: Expected | null): Expected[] {
  return e ? [sortedPods(e)!] : [];
}
