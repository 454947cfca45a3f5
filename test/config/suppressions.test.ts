import { CLAUSES } from '../../rules/index.js';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { applySuppressions, locationMatches, localDate } from '../../src/config/suppressions.js';
import { exitStatus } from '../../src/index.js';
import type { AuditReport } from '../../src/report/model.js';
import { fixtureRecord } from '../report/helpers.js';

const TODAY = '2026-03-15';

function c10(r: AuditReport) {
  const c = r.clauses.find((x) => x.clause === 10);
  if (c === undefined) throw new Error('no clause 10');
  return c;
}

describe('suppressions', () => {
  it('mark matching findings with the reason, keep them, and recompute the clause verdict and summary without them', async () => {
    const r = await fixtureRecord('manifest-risky');
    expect(c10(r).verdict).toBe('fail');
    const failing = c10(r).findings.filter((f) => f.verdict === 'fail').map((f) => f.check);
    expect(failing.length).toBeGreaterThan(0);
    const config = parseConfig({ suppressions: [...new Set(failing)].map((check) => ({ check, reason: 'internal test build, never shipped' })) }, 'x.json');
    const s = applySuppressions(r, config, TODAY, CLAUSES);
    expect(c10(s).findings).toHaveLength(c10(r).findings.length);
    for (const f of c10(s).findings) expect(f.suppressed !== undefined).toBe(failing.includes(f.check));
    expect(c10(s).findings.find((f) => f.suppressed !== undefined)?.suppressed).toEqual({ reason: 'internal test build, never shipped' });
    expect(c10(s).verdict).toBe('warn');
    expect(s.summary.fail).toBe(r.summary.fail - 1);
    expect(s.summary.warn).toBe(r.summary.warn + 1);
    expect(s.suppressions?.every((x) => x.state === 'active' && x.matched > 0)).toBe(true);
    // Suppressing every finding of a clause with coverage notes leaves review, never pass.
    const all = parseConfig({ suppressions: [...new Set(c10(r).findings.map((f) => f.check))].map((check) => ({ check, reason: 'r' })) }, 'x.json');
    expect(c10(applySuppressions(r, all, TODAY, CLAUSES)).verdict).toBe(c10(r).coverage.length > 0 ? 'review' : 'pass');
  });

  it('a location pattern narrows the suppression: substring, or glob with or without the kind prefix', async () => {
    const r = await fixtureRecord('manifest-risky');
    const provider = c10(r).findings.filter((f) => f.check === 'c10/exported-provider');
    expect(provider.length).toBeGreaterThan(1);
    const bySubstring = applySuppressions(r, parseConfig({ suppressions: [{ check: 'c10/exported-provider', location: '/@android:exported', reason: 'r' }] }, 'x.json'), TODAY, CLAUSES);
    expect(c10(bySubstring).findings.filter((f) => f.suppressed !== undefined)).toHaveLength(1);
    expect(locationMatches("*provider[@android:name='org.pledgeaudit.*", "manifest:/manifest/application/provider[@android:name='org.pledgeaudit.fixture.risky.OrdersProvider']")).toBe(true);
    expect(locationMatches('manifest:*/@android:exported', "manifest:/manifest/application/provider[@android:name='x']/@android:exported")).toBe(true);
    expect(locationMatches('Lcom/umeng/*', 'dex:Lcom/umeng/commonsdk/UMConfigure;->init()V')).toBe(true);
    expect(locationMatches('Lcom/umeng/*', 'dex:Lcom/example/App;->onCreate()V')).toBe(false);
    expect(locationMatches('dex:Lcom/umeng/?', 'dex:Lcom/umeng/ab')).toBe(false);
    expect(locationMatches('UMConfigure', 'dex:Lcom/umeng/commonsdk/UMConfigure;->init()V')).toBe(true);
    expect(locationMatches('a.b', 'dex:La/xb;')).toBe(false);
  });

  it('an expired suppression hides nothing, counts what it would have hidden, and the report says so', async () => {
    const r = await fixtureRecord('manifest-risky');
    const config = parseConfig({ suppressions: [{ check: 'c10/debuggable', reason: 'r', expires: '2026-03-14' }, { check: 'c10/allow-backup', reason: 'r', expires: '2026-03-15' }, { check: 'c05/accessibility-service', location: 'NoSuchClass', reason: 'r' }] }, 'x.json');
    const s = applySuppressions(r, config, TODAY, CLAUSES);
    expect(c10(s).findings.find((f) => f.check === 'c10/debuggable')?.suppressed).toBeUndefined();
    // The last day still counts.
    expect(c10(s).findings.find((f) => f.check === 'c10/allow-backup')?.suppressed).toBeDefined();
    expect(s.suppressions?.map((x) => [x.check, x.state, x.matched])).toEqual([
      ['c10/debuggable', 'expired', 1],
      ['c10/allow-backup', 'active', 1],
      ['c05/accessibility-service', 'active', 0],
    ]);
    expect(c10(s).verdict).toBe('fail');
  });

  it('is idempotent and leaves the input untouched', async () => {
    const r = await fixtureRecord('manifest-risky');
    const before = JSON.stringify(r);
    const config = parseConfig({ suppressions: [{ check: 'c10/debuggable', reason: 'r' }] }, 'x.json');
    const once = applySuppressions(r, config, TODAY, CLAUSES);
    expect(applySuppressions(once, config, TODAY, CLAUSES)).toEqual(once);
    expect(JSON.stringify(r)).toBe(before);
    // Applying an empty config again lifts the marks.
    expect(c10(applySuppressions(once, parseConfig({}, 'x.json'), TODAY, CLAUSES)).findings.some((f) => f.suppressed !== undefined)).toBe(false);
  });

  it('suppressing what fails turns exit 1 into exit 0', async () => {
    const r = await fixtureRecord('manifest-risky');
    expect(exitStatus([r], 'fail')).toBe(1);
    const failing = r.clauses.flatMap((c) => c.findings.filter((f) => f.verdict === 'fail').map((f) => f.check));
    const s = applySuppressions(r, parseConfig({ suppressions: [...new Set(failing)].map((check) => ({ check, reason: 'accepted' })) }, 'x.json'), TODAY, CLAUSES);
    expect(exitStatus([s], 'fail')).toBe(0);
  });

  it('rejects a malformed date for today and formats local dates', () => {
    expect(() => applySuppressions({} as AuditReport, { categories: [], suppressions: [] }, '15/03/2026', CLAUSES)).toThrow(/YYYY-MM-DD/);
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
