import type { ClauseResult, Verdict } from '../engine/types.js';
import { worst } from '../engine/types.js';
import { counts } from '../report/checks.js';
import type { AuditReport, VerdictCounts } from '../report/model.js';

/**
 * The engine's rule again (src/engine/run.ts), over the findings that still count: the worst of
 * them, and never pass while something was not analysed or a check crashed.
 */
export function clauseVerdict(c: ClauseResult): Verdict {
  const v = c.findings.filter(counts).reduce<Verdict>((acc, f) => worst(acc, f.verdict), 'pass');
  return v === 'pass' && (c.coverage.length > 0 || c.error !== undefined) ? 'review' : v;
}

/** Clause verdicts, summary and overall verdict after findings were suppressed, baselined or added. */
export function recomputeVerdicts(report: AuditReport): AuditReport {
  const clauses = report.clauses.map((c) => {
    const verdict = clauseVerdict(c);
    return verdict === c.verdict ? c : { ...c, verdict, manualChecks: verdict === 'pass' ? [] : c.manualChecks };
  });
  const summary: VerdictCounts = { pass: 0, review: 0, warn: 0, fail: 0 };
  for (const c of clauses) summary[c.verdict]++;
  return { ...report, clauses, summary, verdict: clauses.reduce<Verdict>((v, c) => worst(v, c.verdict), 'pass') };
}
