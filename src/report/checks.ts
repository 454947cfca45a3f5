import type { CheckMeta, ClauseDefinition as ClauseModule } from '../engine/check.js';
import type { FindingVerdict, Lang, Localized, Verdict } from '../model/index.js';

/**
 * Check metadata for reporters that describe rules (SARIF's driver.rules, the HTML's docs
 * links). The report model does not carry it; the composition root hands in the clause modules.
 */
export interface CheckInfo {
  clause: number;
  meta: CheckMeta;
}

export function checkIndex(clauses: readonly ClauseModule[]): Map<string, CheckInfo> {
  const m = new Map<string, CheckInfo>();
  for (const c of clauses) for (const k of c.checks) m.set(k.meta.id, { clause: c.clause, meta: k.meta });
  return m;
}

/** Relative path of a check's docs page in the repository and the npm package. */
export function docsPath(checkId: string): string {
  return `docs/rules/${checkId}.md`;
}

export const VERDICT_LABEL: Record<Verdict, Localized> = {
  fail: { en: 'fail', zh: '不通过' },
  warn: { en: 'warn', zh: '警告' },
  review: { en: 'review', zh: '待复核' },
  pass: { en: 'pass', zh: '通过' },
};

export function verdictLabel(v: Verdict, lang: Lang): string {
  return VERDICT_LABEL[v][lang];
}

/** The most severe verdict a check can give: its SARIF default level. */
export function worstVerdict(verdicts: readonly FindingVerdict[]): FindingVerdict {
  return verdicts.includes('fail') ? 'fail' : verdicts.includes('warn') ? 'warn' : 'review';
}

export { counts } from '../model/index.js';
