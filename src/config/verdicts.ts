import type { ClauseDefinition } from '../engine/check.js';
import { decideClauses } from '../engine/verdict.js';
import { worst, type MessageData, type Verdict } from '../model/index.js';
import { countVerdicts, renderNote } from '../report/build.js';
import type { AuditReport } from '../report/model.js';

/**
 * Clause verdicts, summary and overall verdict after findings were suppressed, baselined or added:
 * the engine's one verdict rule (src/engine/verdict.ts) over what still counts.
 */
export function recomputeVerdicts(report: AuditReport, defs: readonly ClauseDefinition[]): AuditReport {
  const clauses = decideClauses(report.clauses, defs, (code: string, data: MessageData) => renderNote({ code, data }));
  return { ...report, clauses, summary: countVerdicts(clauses), verdict: clauses.reduce<Verdict>((v, c) => worst(v, c.verdict), 'pass') };
}
