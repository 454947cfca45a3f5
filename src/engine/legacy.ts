// TEMPORARY (issue 11): runs clause modules not yet split into one file per check. Each legacy
// check runs once per language and its pre-rendered messages travel in data.$en/data.$zh. Deleted
// when the last clause is converted.
import type { AppFacts } from '../facts/app-facts.js';
import type { Artifact, ClauseId, Evidence, FindingVerdict, Localized } from '../model/index.js';
import type { Check, ClauseDefinition, FindingDraft, RuleOptions } from './check.js';
import type { DeclaredSdk } from './declared-sdks.js';

export interface LegacyRuleOptions {
  lang: 'en' | 'zh';
  strict: boolean;
  categories: string[];
  declaredSdks?: DeclaredSdk[];
}

export interface LegacyReportInput<M extends string> {
  messageId: M;
  verdict: FindingVerdict;
  evidence: Evidence[];
  data?: Record<string, string | number>;
  strictVerdict?: FindingVerdict;
}

export interface LegacyCheck<M extends string = string> {
  meta: {
    id: string;
    title: Localized;
    verdicts: readonly FindingVerdict[];
    needs: readonly Artifact[];
    messages: Record<M, Localized>;
    manualCheck?: Localized;
    docs: { basis: Localized; fix: Localized };
  };
  run(ctx: { readonly facts: AppFacts; readonly options: LegacyRuleOptions; report(f: LegacyReportInput<M>): void }): void;
}

export interface LegacyClauseModule {
  clause: ClauseId;
  slug: string;
  title: Localized;
  pledge: string;
  checks: readonly LegacyCheck[];
  requires: readonly Artifact[];
  manualChecks?: readonly Localized[];
  neverPasses?: { code: string; message: Localized };
  passOnlyWithout?: { clauses: readonly ClauseId[]; note: { code: string; message: Localized } };
}

export function defineCheck<M extends string>(check: LegacyCheck<M>): LegacyCheck<M> {
  return check;
}

export function defineClause(module: LegacyClauseModule): LegacyClauseModule {
  return module;
}

function render(t: string, data: Record<string, string | number> | undefined): string {
  return t.replace(/\{\{(\w+)\}\}/g, (whole, k: string) => (data?.[k] === undefined ? whole : String(data[k])));
}

function legacyOptions(o: RuleOptions, lang: 'en' | 'zh'): LegacyRuleOptions {
  const out: LegacyRuleOptions = { lang, strict: o.strict, categories: [...o.categories] };
  if (o.declaredSdks !== undefined) out.declaredSdks = [...o.declaredSdks];
  return out;
}

export function adaptLegacyCheck(c: LegacyCheck, clause: ClauseId): Check {
  const defaultVerdict: FindingVerdict = c.meta.verdicts.includes('fail') ? 'fail' : c.meta.verdicts.includes('warn') ? 'warn' : 'review';
  const meta: Check['meta'] = { id: c.meta.id, clause, title: c.meta.title, defaultVerdict, verdicts: c.meta.verdicts, evidence: 'declared', needs: c.meta.needs, docs: c.meta.docs };
  if (c.meta.manualCheck !== undefined) meta.manualCheck = c.meta.manualCheck;
  return {
    meta,
    messages: c.meta.messages,
    check({ facts, options }) {
      const runIn = (lang: 'en' | 'zh'): LegacyReportInput<string>[] => {
        const out: LegacyReportInput<string>[] = [];
        c.run({ facts, options: legacyOptions(options, lang), report: (f) => out.push(f) });
        return out;
      };
      const en = runIn('en');
      const zh = runIn('zh');
      return en.map((f, i): FindingDraft => {
        const t = c.meta.messages[f.messageId];
        const z = zh[i];
        const d: FindingDraft = {
          messageId: f.messageId,
          verdict: f.verdict,
          evidence: f.evidence,
          data: { ...(f.data ?? {}), $en: t === undefined ? '' : render(t.en, f.data), $zh: t === undefined ? '' : render(t.zh, z?.data ?? f.data) },
        };
        if (f.strictVerdict !== undefined) d.strictVerdict = f.strictVerdict;
        return d;
      });
    },
  };
}

export function adaptLegacyClause(m: LegacyClauseModule): ClauseDefinition {
  const def: ClauseDefinition = { clause: m.clause, slug: m.slug, title: m.title, pledge: m.pledge, requires: m.requires, checks: m.checks.map((c) => adaptLegacyCheck(c, m.clause)) };
  if (m.manualChecks !== undefined) def.manualChecks = m.manualChecks;
  if (m.neverPasses !== undefined) def.neverPasses = m.neverPasses.code;
  if (m.passOnlyWithout !== undefined) def.passOnlyWithout = m.passOnlyWithout.clauses;
  return def;
}

/** A clause as rules/index.ts imports it: split (ClauseDefinition) or not yet (LegacyClauseModule). */
export function toClause(m: ClauseDefinition | LegacyClauseModule): ClauseDefinition {
  return m.checks.some((c) => 'run' in c) ? adaptLegacyClause(m as LegacyClauseModule) : (m as ClauseDefinition);
}
