import type { AppFacts } from '../facts/app-facts.js';
import type { Artifact } from '../facts/types.js';
import { fingerprint } from './fingerprint.js';
import { renderLocalized } from './render.js';
import type { ClauseModule, ClauseResult, CoverageNote, Finding, ReportInput, RuleOptions, Verdict } from './types.js';
import { VERDICT_RANK, worst } from './types.js';

const ARTIFACT_NAMES: Record<Artifact, { en: string; zh: string }> = {
  manifest: { en: 'the manifest', zh: '清单文件' },
  resources: { en: 'resources (resources.arsc, layouts, XML resources)', zh: '资源（resources.arsc、布局、XML 资源）' },
  dex: { en: 'the DEX code', zh: 'DEX 代码' },
  signing: { en: 'the APK signatures', zh: 'APK 签名' },
  native: { en: 'native libraries', zh: '原生库' },
  assets: { en: 'assets (bundled H5/JS/text)', zh: 'assets（内置 H5/JS/文本）' },
};

/** A coverage limit that applies to the whole app (packer, dynamic code, hybrid app…). */
export interface AppCoverageLimit {
  code: string;
  message: { en: string; zh: string };
  /** Clauses that cannot pass while this limit holds. */
  clauses: readonly number[];
}

export interface EngineResult {
  clauses: ClauseResult[];
}

function coverageFor(facts: AppFacts, a: Artifact): CoverageNote | undefined {
  const state = facts.state(a);
  if (state === 'analysed' || state === 'absent') return undefined;
  const what = ARTIFACT_NAMES[a];
  if (state === 'failed') {
    const err = facts.failure(a);
    const why = err === undefined ? '' : ` (${err.code})`;
    return { code: `not-analysed:${a}`, message: { en: `${what.en} could not be decoded${why}`, zh: `${what.zh}无法解码${why}` } };
  }
  if (state === 'not-analysed') {
    return { code: `not-analysed:${a}`, message: { en: `${what.en} not analysed by this version`, zh: `当前版本未分析${what.zh}` } };
  }
  return { code: `not-analysed:${a}`, message: { en: `${what.en} not available for this input`, zh: `此输入不含${what.zh}` } };
}

/**
 * Runs clause modules over one app. A clause's verdict is the worst of its findings; a clause
 * whose evidence could not be analysed cannot pass (it becomes review and says why); a crashing
 * check is contained to its clause.
 */
export function runClauses(facts: AppFacts, modules: readonly ClauseModule[], options: RuleOptions, appLimits: readonly AppCoverageLimit[] = []): ClauseResult[] {
  const results: ClauseResult[] = [];
  for (const mod of modules) {
    const findings: Finding[] = [];
    const coverage: CoverageNote[] = [];
    const seenNotes = new Set<string>();
    const addNote = (n: CoverageNote | undefined): void => {
      if (n !== undefined && !seenNotes.has(n.code)) {
        seenNotes.add(n.code);
        coverage.push(n);
      }
    };
    let error: ClauseResult['error'];
    let ran = 0;
    for (const a of mod.requires) addNote(coverageFor(facts, a));
    addNote(mod.neverPasses);
    for (const check of mod.checks) {
      const missing = check.meta.needs.map((a) => coverageFor(facts, a)).filter((n) => n !== undefined);
      if (missing.length > 0) {
        for (const n of missing) addNote(n);
        continue;
      }
      ran++;
      const report = (f: ReportInput<string>): void => {
        const template = check.meta.messages[f.messageId];
        if (template === undefined) throw new Error(`check ${check.meta.id} reported unknown messageId ${f.messageId}`);
        const verdict = options.strict && f.strictVerdict !== undefined ? f.strictVerdict : f.verdict;
        findings.push({
          check: check.meta.id,
          clause: mod.clause,
          verdict,
          messageId: f.messageId,
          message: renderLocalized(template, f.data),
          evidence: f.evidence,
          fingerprint: fingerprint(check.meta.id, f.evidence[0]?.location, f.messageId),
        });
      };
      try {
        check.run({ facts, options, report });
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        error ??= { code: 'E_RULE_CRASHED', message: `${check.meta.id}: ${message}` };
      }
    }
    // A clause none of whose checks could run has not been looked at: it cannot pass.
    if (ran === 0) addNote({ code: 'no-checks-ran', message: { en: 'no automated check of this clause could run on this input', zh: '本条没有可对此输入运行的自动检查' } });
    for (const limit of appLimits) {
      if (limit.clauses.includes(mod.clause)) addNote({ code: limit.code, message: limit.message });
    }
    findings.sort(compareFindings);
    let verdict: Verdict = findings.reduce<Verdict>((v, f) => worst(v, f.verdict), 'pass');
    if (verdict === 'pass' && (coverage.length > 0 || error !== undefined)) verdict = 'review';
    const manual = mod.manualChecks ?? [];
    const checkManual = mod.checks.flatMap((c) => (c.meta.manualCheck !== undefined && findings.some((f) => f.check === c.meta.id && f.verdict === 'review') ? [c.meta.manualCheck] : []));
    const result: ClauseResult = {
      clause: mod.clause,
      slug: mod.slug,
      title: mod.title,
      pledge: mod.pledge,
      verdict,
      findings,
      coverage,
      manualChecks: verdict === 'review' || VERDICT_RANK[verdict] > VERDICT_RANK.review ? [...new Map([...checkManual, ...manual].map((m) => [m.en, m])).values()] : [],
    };
    if (error !== undefined) result.error = error;
    results.push(result);
  }
  for (const [i, mod] of modules.entries()) {
    const r = results[i];
    const dep = mod.passOnlyWithout;
    if (r === undefined || dep === undefined || r.verdict !== 'pass') continue;
    const failing = results.filter((o) => dep.clauses.includes(o.clause) && o.verdict === 'fail').map((o) => o.clause);
    if (failing.length === 0) continue;
    r.verdict = 'review';
    r.coverage.push({ code: dep.note.code, message: { en: `${dep.note.message.en} (clause ${failing.join(', ')})`, zh: `${dep.note.message.zh}（第 ${failing.join('、')} 条）` } });
    r.manualChecks = [...(mod.manualChecks ?? [])];
  }
  return results;
}

/** Deterministic order: verdict (worst first), check id, then primary location. */
export function compareFindings(a: Finding, b: Finding): number {
  const r = VERDICT_RANK[b.verdict] - VERDICT_RANK[a.verdict];
  if (r !== 0) return r;
  if (a.check !== b.check) return a.check < b.check ? -1 : 1;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}
