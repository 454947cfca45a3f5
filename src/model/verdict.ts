/** Clause numbers of the pledge, 1–10. */
export type ClauseId = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** review: static analysis found evidence a person must judge, or could not decide. */
export type Verdict = 'pass' | 'review' | 'warn' | 'fail';
export type FindingVerdict = Exclude<Verdict, 'pass'>;

/** Severity order, for "worst of" and --fail-on. */
export const VERDICT_RANK: Record<Verdict, number> = { pass: 0, review: 1, warn: 2, fail: 3 };

export function worst(a: Verdict, b: Verdict): Verdict {
  return VERDICT_RANK[a] >= VERDICT_RANK[b] ? a : b;
}
