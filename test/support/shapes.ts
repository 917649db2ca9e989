// Shared by the shape tests (test/analyze/scenario-*.test.ts): clusters, a neutral temp folder,
// running a generated input through the real analyze() (stdin where the shape is a paste), and
// checks of the contract's new fields against what the generator predicts.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { analyze, collect, type AnalyzeOptions } from '../../src/analyze';
import { DEFAULT_TIMING } from '../../src/assemble/timing';
import { renderMarkdown } from '../../src/render/markdown';
import type { Evidence, Incident, Report } from '../../src/types';
import type { Generated } from './generate';
import type { ExpectedCause, ExpectedIncident, Expected } from './scenario';
import { GRACE, type GenNode, type Wording } from './wording';
import { CLUSTER } from './bundles';

export const AT = '2024-03-14T09:13:37Z';
export { CLUSTER };

/** Host folders without a digit or a domain (`cp-a/`, `wk-b/`, `srv-c/`): only the folder name tells the node. */
export const FOLDERS: GenNode[] = [
  { name: 'cp-a', ip: '10.0.0.11', role: 'server' },
  { name: 'srv-b', ip: '10.0.0.12', role: 'server' },
  { name: 'srv-c', ip: '10.0.0.13', role: 'server' },
  { name: 'wk-a', ip: '10.0.0.21', role: 'agent' },
  { name: 'wk-b', ip: '10.0.0.22', role: 'agent' },
];

/** Three servers seen by three agents (issue 10). */
export const CLUSTER3: GenNode[] = [...CLUSTER, { name: 'ecs-w3', ip: '10.0.0.23', role: 'agent' }];

/** A folder under the system temp dir whose name is a download word (`bundle-…`), never taken for a host. */
export async function bundleDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'bundle-'));
}

/** The tool's options for a wording: the grace period of the cluster's Kubernetes (README: --grace 50s for 1.32+). */
export const timingFor = (w: Wording) => ({ ...DEFAULT_TIMING, grace: GRACE[w] });

/** The paths a user gives: the folder; `-` first or last when something comes on stdin. */
export function argsOf(g: Generated, dir: string, stdinLast = false): string[] {
  if (!g.paths.length) return ['-'];
  if (g.stdin === null) return [dir];
  return stdinLast ? [dir, '-'] : ['-', dir];
}

export function optsOf(g: Generated, w: Wording, extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions {
  return { timing: timingFor(w), hosts: [], ...(g.stdin === null ? {} : { stdin: Readable.from([Buffer.from(g.stdin)]) }), ...extra };
}

/** analyze() over a generated input, as the CLI would run it. */
export function runShape(g: Generated, dir: string, w: Wording, extra: Partial<AnalyzeOptions> = {}, stdinLast = false): Promise<Report> {
  return analyze(argsOf(g, dir, stdinLast), optsOf(g, w, extra));
}

/** The events read (collect(): the first half of analyze()), for what the report does not carry (nul-block lines). */
export async function eventsOf(g: Generated, dir: string, w: Wording) {
  return (await collect(argsOf(g, dir), optsOf(g, w))).events;
}

/** The generator's incidents in the shape `observedAll()` gives. */
export function expectedAll(g: Generated): Expected[] {
  return g.report.incidents.map((e) => ({ peer: e.peer, start: e.start, estimated: e.estimated, milestones: e.milestones, durations: e.durations, pods: e.pods }));
}

/** The incident of the report for an expected one (same peer address, else same start). */
export function incidentFor(r: Report, e: ExpectedIncident): Incident | undefined {
  return r.incidents.find((i) => (e.peer.address !== null ? i.peer.address === e.peer.address : i.start === e.start));
}

/** Checks a cause against the prediction: kind, likely node, the lines its evidence must cite (from `own`'s files only). */
export function expectCause(inc: Incident, c: ExpectedCause, own: string | null): void {
  expect(inc.cause?.kind).toBe(c.kind);
  if (c.likelyNode !== undefined) expect(inc.cause?.likelyNode).toBe(c.likelyNode);
  const ev: Evidence[] = inc.cause?.evidence ?? [];
  for (const group of c.lines) expect(ev.map((e) => e.text).filter((t) => group.some((g) => t.includes(g)))).not.toEqual([]);
  if (c.nul) expect(ev.map((e) => [e.path.endsWith(c.nul!.path), e.line])).toContainEqual([true, c.nul.line]);
  // its own files; in a paste of several journals, its own host's lines (a `-- Reboot --` marker names none)
  if (own && c.kind !== 'unknown') for (const e of ev) expect(e.path === '<stdin>' ? e.text.startsWith('--') || e.text.includes(` ${own} `) : e.path.includes(own)).toBe(true);
}

/** The Markdown section of one incident (`## Incident N: ...` up to the next `## `). */
export function markdownOf(r: Report, inc: Incident): string {
  const md = renderMarkdown(r, { tz: 'UTC', color: false });
  const from = md.indexOf(`## Incident ${inc.id}:`);
  const to = md.indexOf('\n## ', from + 3);
  return md.slice(from, to < 0 ? undefined : to);
}

export const codesOf = (inc: Incident) => inc.findings.map((f) => f.code);
