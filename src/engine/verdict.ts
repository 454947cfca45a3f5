import type { ClauseDefinition } from './check.js';
import { counts, worst, type ClauseId, type CoverageNote, type FindingVerdict, type Localized, type MessageData, type Verdict } from '../model/index.js';

/** What the verdict rule reads of a clause (the engine's result, or a finished report's clause). */
export interface ClauseState<N extends CoverageNote> {
  clause: ClauseId;
  verdict: Verdict;
  findings: readonly { check: string; verdict: FindingVerdict; suppressed?: { reason: string }; baselined?: boolean }[];
  coverage: N[];
  manualChecks: Localized[];
  /** Checks that crashed: the clause was not fully evaluated. */
  errors?: readonly unknown[];
}

/** The coverage note of a clause held back by failures in the clauses it depends on. */
export const UMBRELLA_NOTE = 'umbrella-failures';

/**
 * The one verdict rule. A clause's verdict is the worst of the findings that still count (not
 * suppressed, not baselined); a clause that found nothing but could not look everywhere (a
 * coverage note) or had a check crash is review, never pass; an umbrella clause that would pass
 * is review while a clause it depends on fails. Manual checks are listed whenever the clause did
 * not pass. Applied by the engine and again after config and baselines change what counts.
 */
export function decideClauses<N extends CoverageNote, R extends ClauseState<N>>(results: readonly R[], defs: readonly ClauseDefinition[], note: (code: string, data: MessageData) => N): R[] {
  const first = results.map((r) => {
    const def = defs.find((d) => d.clause === r.clause);
    const coverage = r.coverage.filter((n) => n.code !== UMBRELLA_NOTE);
    const counted = r.findings.filter(counts);
    let verdict = counted.reduce<Verdict>((v, f) => worst(v, f.verdict), 'pass');
    if (verdict === 'pass' && (coverage.length > 0 || (r.errors?.length ?? 0) > 0)) verdict = 'review';
    return { r, def, coverage, counted, verdict };
  });
  return first.map(({ r, def, coverage, counted, verdict }) => {
    const blockers = verdict === 'pass' ? first.filter((o) => def?.passOnlyWithout?.includes(o.r.clause) === true && o.verdict === 'fail').map((o) => o.r.clause) : [];
    if (blockers.length > 0) {
      verdict = 'review';
      coverage.push(note(UMBRELLA_NOTE, { clauses: blockers.map(String) }));
    }
    const manual: Localized[] = [];
    if (verdict !== 'pass' && def !== undefined) {
      if (blockers.length === 0) {
        for (const c of def.checks) {
          if (c.meta.manualCheck !== undefined && counted.some((f) => f.check === c.meta.id && f.verdict === 'review')) manual.push(c.meta.manualCheck);
        }
      }
      manual.push(...(def.manualChecks ?? []));
    }
    const manualChecks = [...new Map(manual.map((m) => [m.en, m])).values()];
    return { ...r, verdict, coverage, manualChecks };
  });
}
