import type { AuditRecord } from './model.js';

/** The report model verbatim: one object for one input, an array for several. */
export function renderJson(records: readonly AuditRecord[]): string {
  const value = records.length === 1 ? records[0] : records;
  return `${JSON.stringify(value, null, 2)}\n`;
}
