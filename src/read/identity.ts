// Node, role and reference year of an input from its path (DESIGN §3): the layouts of layouts.ts
// in order; the first that names a node decides it (a plain folder name only as a guess).
import type { Role, SourceInfo } from '../types';
import { LAYOUTS, partsOf } from './layouts';

export { RANCHER_BUNDLE } from './layouts';

/**
 * Node, role and reference year for a path; `archive!member` paths are split on `!`. One object
 * literal of one shape: a spread copy (`{ ...identify(p), mtime }`) gave every input its own hidden
 * class, about 400 bytes each kept for the whole run.
 */
export function identify(path: string, mtime: number | null = null): SourceInfo {
  const p = partsOf(path);
  let node: string | null | undefined;
  let nodeFrom: string | null = null;
  let role: Role = 'unknown';
  let refYear: number | null = null;
  let refMonth: number | null = null;
  let layout: string | null = null;
  for (const l of LAYOUTS) {
    const f = l.read(p);
    if (!f) continue;
    layout ??= l.name;
    if (node === undefined && f.node !== undefined) { node = f.node; nodeFrom = f.node ? f.nodeFrom ?? null : null; }
    if (role === 'unknown' && f.role) role = f.role;
    if (refYear === null && f.refYear) { refYear = f.refYear; refMonth = f.refMonth ?? null; }
  }
  return { path, node: node ?? null, role, nodeFrom, refYear, refMonth, mtime, layout };
}
