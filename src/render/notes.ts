// Notes on the input (report-level info findings) grouped so a bundle's 15 "not a log" files are
// one line ("15 files are not logs: systeminfo/uptime ×5, ..."), paths under the shared folder.
// Warnings and critical findings stay findings.
import type { Evidence, Finding, Report } from '../types';
import { commonDir, underBase } from './paths';

export interface Note {
  code: string;
  text: string;
  evidence?: Evidence[];
}

/** `systeminfo/uptime`: the last two parts of a path, the part bundles share. */
const tail = (p: string) => p.split(/[/!]/).slice(-2).join('/');

/** Files not read as logs, as one line: how many, and which kinds. */
function notLogs(fs: Finding[], base: string): Note {
  const counts = new Map<string, number>();
  for (const f of fs) {
    const path = /^(.*): not read \(/.exec(f.message)?.[1] ?? f.message;
    const key = fs.length > 3 ? tail(path) : underBase(path, base);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const list = [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
  return { code: 'input-not-log', text: `${fs.length} file${fs.length === 1 ? ' is' : 's are'} not logs (not read): ${list}` };
}

/** The shared folder of the report's inputs ('' when one input or none share one). */
export function baseOf(r: Report): string {
  return commonDir(r.inputs.map((i) => i.path));
}

/** Report-level info findings as notes, grouped; warnings and critical ones are left to the findings list. */
export function notesOf(r: Report): Note[] {
  const base = baseOf(r);
  const info = r.findings.filter((f) => f.severity === 'info');
  const out: Note[] = [];
  const nl = info.filter((f) => f.code === 'input-not-log');
  if (nl.length) out.push(notLogs(nl, base));
  for (const f of info.filter((x) => x.code !== 'input-not-log')) out.push({ code: f.code, text: underBase(f.message, base), evidence: f.evidence });
  return out;
}

/** Report-level findings that need a reader's attention (warning, critical), paths under the shared folder. */
export function reportFindings(r: Report): Finding[] {
  const base = baseOf(r);
  return r.findings.filter((f) => f.severity !== 'info').map((f) => ({ ...f, message: underBase(f.message, base) }));
}
