// Checks every format's sample lines when the tool starts (STYLE §3): a broken format fails loudly.
import { parseWith, type LineFormat } from './format';
import { FORMATS, LAST_RESORT } from './registry';

/** Returns one message per sample that does not parse to what it declares. */
export function checkFormat(f: LineFormat): string[] {
  const errors: string[] = [];
  if (!f.samples.length) errors.push(`format ${f.name}: no sample lines`);
  for (const s of f.samples) {
    const where = `format ${f.name} (pattern ${f.pattern.source}) sample ${JSON.stringify(s.line.slice(0, 80))}`;
    if (!f.sniff.test(s.line)) { errors.push(`${where}: sniff ${f.sniff.source} rejects it`); continue; }
    const rec = parseWith(f, s.line);
    if (!rec) { errors.push(`${where}: does not parse`); continue; }
    const e = s.expect;
    if (e.time !== undefined) {
      const got = rec.time === null ? null : new Date(rec.time).toISOString();
      if (got !== e.time) errors.push(`${where}: time ${got} != ${e.time}`);
    }
    for (const k of ['level', 'msg', 'host', 'proc'] as const) {
      if (e[k] !== undefined && rec[k] !== e[k]) errors.push(`${where}: ${k} ${JSON.stringify(rec[k])} != ${JSON.stringify(e[k])}`);
    }
    for (const [k, v] of Object.entries(e.fields ?? {})) {
      if (rec.fields[k] !== v) errors.push(`${where}: field ${k} ${JSON.stringify(rec.fields[k])} != ${JSON.stringify(v)}`);
    }
  }
  return errors;
}

/** All formats' problems; names must be unique too. */
export function checkFormats(formats: LineFormat[] = [...FORMATS, ...LAST_RESORT]): string[] {
  const seen = new Set<string>();
  const errors: string[] = [];
  for (const f of formats) {
    if (seen.has(f.name)) errors.push(`format ${f.name}: duplicate name`);
    seen.add(f.name);
    for (const e of checkFormat(f)) errors.push(e);
  }
  return errors;
}
