// JSON report: the contract in shared/contract/report.schema.json (all times UTC).
import type { Report } from '../types';
import { jsonLine } from './events';

export function renderJson(r: Report): string {
  return jsonLine(r, 2) + '\n';
}
