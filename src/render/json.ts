// JSON report: the contract in shared/contract/report.schema.json (all times UTC).
import type { Report } from '../types';

export function renderJson(r: Report): string {
  return JSON.stringify(r, null, 2) + '\n';
}
