import { join } from 'node:path';
import { packageRoot } from '../util/data-path.js';
import type { ClauseDefinition as ClauseModule, EvidenceLevel } from '../engine/check.js';
import type { FindingVerdict, Lang } from '../model/index.js';
import { RULES_LIST } from '../i18n/catalog.js';
import { displayWidth, padEndWidth } from '../report/width.js';

export interface RuleListing {
  id: string;
  clause: number;
  title: string;
  titles: { en: string; zh: string };
  verdicts: readonly FindingVerdict[];
  defaultVerdict: FindingVerdict;
  evidence: EvidenceLevel;
  needs: readonly string[];
  docs: string;
}

export function listRules(clauses: readonly ClauseModule[], lang: Lang): RuleListing[] {
  return clauses.flatMap((c) =>
    c.checks.map((k) => ({
      id: k.meta.id,
      clause: c.clause,
      title: k.meta.title[lang],
      titles: k.meta.title,
      verdicts: k.meta.verdicts,
      defaultVerdict: k.meta.defaultVerdict,
      evidence: k.meta.evidence,
      needs: k.meta.needs,
      docs: `docs/rules/${k.meta.id}.md`,
    })),
  );
}

export function renderRulesText(rules: readonly RuleListing[], lang: Lang = 'en'): string {
  const t = RULES_LIST[lang];
  const verdicts = rules.map((r) => r.verdicts.map((v) => t.verdict[v]).join('|'));
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const verdictWidth = Math.max(...verdicts.map(displayWidth));
  const lines = rules.map((r, i) => `${String(r.clause).padStart(2)}  ${r.id.padEnd(idWidth)}  ${padEndWidth(verdicts[i] ?? '', verdictWidth)}  ${r.title}`);
  // Each id is also the name of its page: what it looks for, why, how to fix, how to suppress.
  const docs = join(packageRoot(), 'docs', 'rules');
  return `${lines.join('\n')}\n\n${t.footer(rules.length, docs, `${docs}/${rules[0]?.id ?? 'c01/…'}.md`)}\n`;
}
