import { describe, expect, it } from 'vitest';
import c09 from '../../rules/c09-third-party-sdks.js';
import { undeclaredSdk } from '../../rules/checks/c09-declared-sdks.js';
import { parseConfig } from '../../src/config/config.js';
import { applyDeclaredSdks, declaredSdkDiff } from '../../src/config/declared-sdks.js';
import { recomputeVerdicts } from '../../src/config/verdicts.js';
import { renderRuleDoc } from '../../src/cli/rule-docs.js';
import { UNDECLARED_SDK_CHECK } from '../../src/engine/declared-sdks.js';
import { runClauses } from '../../src/engine/run.js';
import type { ClauseModule, Finding } from '../../src/engine/types.js';
import type { AuditReport } from '../../src/report/model.js';
import { fixtureFacts } from '../helpers/fixtures.js';
import { DEFAULT_OPTIONS, expectFindings, runCheck } from '../helpers/rule-tester.js';
import { fixtureRecord } from '../report/helpers.js';
import { CONFIG_CASES } from '../rules/cases-config.js';

const C09: ClauseModule = { ...c09, checks: [...c09.checks, undeclaredSdk] };
const UMENG_ONLY = parseConfig({ sdks: [{ name: '友盟+', package: 'com.umeng' }, { name: '个推', package: 'com.igexin' }] }, 'x.json');

function clause9(r: AuditReport) {
  const c = r.clauses.find((x) => x.clause === 9);
  if (c === undefined) throw new Error('no clause 9');
  return c;
}

/** The check run by the engine, as it runs once rules/c09-third-party-sdks.ts lists it. */
async function engineFindings(fixture: string, declared: { name: string; package: string }[], lang: 'en' | 'zh' = 'en'): Promise<Finding[]> {
  const [result] = runClauses(await fixtureFacts(fixture), [{ ...C09, checks: [undeclaredSdk] }], { ...DEFAULT_OPTIONS, lang, declaredSdks: declared });
  return result?.findings ?? [];
}

describe('c09/undeclared-sdk (rules/checks/c09-declared-sdks.ts)', () => {
  const cases = CONFIG_CASES[UNDECLARED_SDK_CHECK];
  if (cases === undefined) throw new Error('no cases');
  for (const c of cases.fires) {
    it(`fires on ${c.fixture} with ${JSON.stringify(c.options?.declaredSdks?.map((d) => d.package))}`, async () => {
      expectFindings(runCheck(await fixtureFacts(c.fixture), C09, undeclaredSdk, c.options), c.expect);
    });
  }
  for (const c of cases.silent) {
    it(`stays silent on ${c.fixture} with ${JSON.stringify(c.options?.declaredSdks?.map((d) => d.package) ?? 'no list')}`, async () => {
      expectFindings(runCheck(await fixtureFacts(c.fixture), C09, undeclaredSdk, c.options), []);
    });
  }

  it('has a docs page that renders from its metadata', () => {
    const doc = renderRuleDoc(C09, undeclaredSdk);
    expect(doc).toContain('# c09/undeclared-sdk: SDK missing from the declared SDK list / SDK 未列入声明的第三方 SDK 目录');
    expect(doc).toContain('"check": "c09/undeclared-sdk"');
  });
});

describe('declaredSdkDiff / applyDeclaredSdks (report side)', () => {
  it('says exactly what the engine check says: same findings, messages, primary evidence and fingerprints', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const r = await fixtureRecord('demo-shop', { lang });
      const diff = declaredSdkDiff(r, UMENG_ONLY);
      const engine = await engineFindings('demo-shop', UMENG_ONLY.sdks ?? [], lang);
      const key = (f: Finding) => ({ fingerprint: f.fingerprint, message: f.message, verdict: f.verdict, primary: f.evidence[0] });
      expect(diff.findings.map(key).sort((a, b) => a.fingerprint.localeCompare(b.fingerprint))).toEqual(engine.map(key).sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)));
      expect(diff.findings).toHaveLength(3);
    }
  });

  it('adds the warns to clause 9, recomputes its verdict, and lists every declared entry with whether it was found', async () => {
    const full = await fixtureRecord('sdk-mix');
    // Clause 9 with only the inventory (review), so that the added warns must raise it.
    const r = recomputeVerdicts({ ...full, clauses: full.clauses.map((c) => (c.clause === 9 ? { ...c, findings: c.findings.filter((f) => f.check === 'c09/sdk-inventory') } : c)) });
    expect(clause9(r).verdict).toBe('review');
    const out = applyDeclaredSdks(r, UMENG_ONLY);
    const added = clause9(out).findings.filter((f) => f.check === UNDECLARED_SDK_CHECK);
    expect(added.map((f) => (f.evidence[0]?.owner?.kind === 'sdk' ? f.evidence[0].owner.id : '')).sort()).toEqual(['amap-location', 'jiguang-jcore']);
    expect(clause9(out).verdict).toBe('warn');
    expect(out.summary.warn).toBe(r.summary.warn + 1);
    expect(out.declaredSdks).toEqual([
      { name: '友盟+', package: 'com.umeng', detected: true, matches: ['umeng-analytics'] },
      { name: '个推', package: 'com.igexin', detected: false, matches: [] },
    ]);
    const byVerdict = { pass: 0, review: 0, warn: 0, fail: 0 };
    for (const c of out.clauses) byVerdict[c.verdict]++;
    expect(out.summary).toEqual(byVerdict);
  });

  it('adds nothing twice: not over the engine check, not when applied again', async () => {
    const r = await fixtureRecord('demo-shop');
    const engine = await engineFindings('demo-shop', UMENG_ONLY.sdks ?? []);
    const withEngine: AuditReport = { ...r, clauses: r.clauses.map((c) => (c.clause === 9 ? { ...c, findings: [...c.findings, ...engine] } : c)) };
    expect(declaredSdkDiff(withEngine, UMENG_ONLY).findings).toEqual([]);
    const once = applyDeclaredSdks(r, UMENG_ONLY);
    expect(applyDeclaredSdks(once, UMENG_ONLY)).toEqual(once);
  });

  it('does nothing without a declared list; an empty list declares that there is no SDK', async () => {
    const r = await fixtureRecord('sdk-mix');
    expect(applyDeclaredSdks(r, parseConfig({}, 'x.json'))).toBe(r);
    const none = applyDeclaredSdks(r, parseConfig({ sdks: [] }, 'x.json'));
    expect(clause9(none).findings.filter((f) => f.check === UNDECLARED_SDK_CHECK)).toHaveLength(r.sdks.length);
    expect(none.declaredSdks).toEqual([]);
  });
});
