import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { parseConfig } from '../../src/config/config.js';
import { applySuppressions } from '../../src/config/suppressions.js';
import { defineCheck, defineClause, type Check, type ClauseDefinition } from '../../src/engine/check.js';
import { runClauses } from '../../src/engine/run.js';
import { fixtureFacts } from '../helpers/fixtures.js';
import { DEFAULT_OPTIONS } from '../helpers/rule-tester.js';
import { fixtureRecord } from '../report/helpers.js';

const docs = { basis: { en: 'b', zh: 'b' }, fix: { en: 'f', zh: 'f' } };
const silent = defineCheck({
  meta: { id: 'c01/test-silent', clause: 1, title: { en: 't', zh: 't' }, defaultVerdict: 'warn', verdicts: ['warn'], evidence: 'declared', needs: ['manifest'], docs },
  messages: { m: { en: 'm', zh: 'm' } },
  check: () => [],
});
const failing = defineCheck({
  meta: { id: 'c10/test-fail', clause: 10, title: { en: 't', zh: 't' }, defaultVerdict: 'fail', verdicts: ['fail'], evidence: 'declared', needs: ['manifest'], docs },
  messages: { m: { en: 'always', zh: 'always' } },
  check: () => [{ messageId: 'm', verdict: 'fail', evidence: [{ location: { kind: 'app' } }] }],
});
const crashing = (id: string): Check =>
  defineCheck({
    meta: { id, clause: 10, title: { en: 't', zh: 't' }, defaultVerdict: 'fail', verdicts: ['fail'], evidence: 'declared', needs: ['manifest'], docs },
    messages: { m: { en: 'm', zh: 'm' } },
    check: () => {
      throw new TypeError(`${id} broke`);
    },
  });
const clause = (n: 1 | 2 | 10, checks: ClauseDefinition['checks'], extra: Partial<ClauseDefinition> = {}): ClauseDefinition => defineClause({ clause: n, slug: `c${n}`, title: { en: 't', zh: 't' }, pledge: 'p', requires: [], checks, ...extra });

describe('engine: clause verdicts', () => {
  it('an umbrella clause with nothing to report cannot pass while a clause it depends on fails', async () => {
    const facts = await fixtureFacts('clean');
    const [c1, c10] = runClauses(facts, [clause(1, [silent], { passOnlyWithout: [2, 10] }), clause(10, [failing])], DEFAULT_OPTIONS);
    expect(c10?.verdict).toBe('fail');
    expect(c1?.verdict).toBe('review');
    expect(c1?.coverage).toEqual([{ code: 'umbrella-failures', data: { clauses: ['10'] } }]);
  });

  it('passes when the clauses it depends on do not fail, or did not run', async () => {
    const facts = await fixtureFacts('clean');
    expect(runClauses(facts, [clause(1, [silent], { passOnlyWithout: [2, 10] }), clause(10, [silent])], DEFAULT_OPTIONS)[0]?.verdict).toBe('pass');
    expect(runClauses(facts, [clause(1, [silent], { passOnlyWithout: [2, 10] })], DEFAULT_OPTIONS)[0]?.verdict).toBe('pass');
  });

  it('a clause none of whose checks could run is review, never pass', async () => {
    const facts = await fixtureFacts('clean');
    const [c2] = runClauses(facts, [clause(2, [])], DEFAULT_OPTIONS);
    expect(c2?.verdict).toBe('review');
    expect(c2?.coverage.map((n) => n.code)).toEqual(['no-checks-ran']);
  });

  it('every crashed check is reported, and the other checks of the clause still report', async () => {
    const facts = await fixtureFacts('clean');
    const [c10] = runClauses(facts, [clause(10, [crashing('c10/test-a'), failing, crashing('c10/test-b')])], DEFAULT_OPTIONS);
    expect(c10?.errors?.map((e) => [e.check, e.code, e.message])).toEqual([
      ['c10/test-a', 'E_RULE_CRASHED', 'c10/test-a broke'],
      ['c10/test-b', 'E_RULE_CRASHED', 'c10/test-b broke'],
    ]);
    expect(c10?.findings.map((f) => f.check)).toEqual(['c10/test-fail']);
    expect(c10?.verdict).toBe('fail');
  });

  it('suppressing every clause-7 finding removes clause 7 from clause 1\'s reasons (one verdict rule)', async () => {
    const r = await fixtureRecord('demo-shop');
    const checksOf = (n: number) => [...new Set(r.clauses.find((c) => c.clause === n)?.findings.map((f) => f.check))];
    const suppress = (checks: string[]) => parseConfig({ suppressions: checks.map((check) => ({ check, reason: 'handled outside the APK' })) }, 'x.json');
    const reasons = (x: typeof r) => {
      const c1 = x.clauses.find((c) => c.clause === 1);
      return { verdict: c1?.verdict, blockers: c1?.coverage.find((n) => n.code === 'umbrella-failures')?.data?.clauses };
    };
    // Clause 1's own findings suppressed: it would pass, but clauses 2, 7 and 10 fail.
    const without1 = applySuppressions(r, suppress(checksOf(1)), '2026-03-15', CLAUSES);
    expect(reasons(without1)).toEqual({ verdict: 'review', blockers: ['2', '7', '10'] });
    const without7 = applySuppressions(r, suppress([...checksOf(1), ...checksOf(7)]), '2026-03-15', CLAUSES);
    expect(without7.clauses.find((c) => c.clause === 7)?.verdict).toBe('review');
    expect(reasons(without7)).toEqual({ verdict: 'review', blockers: ['2', '10'] });
    expect(without7.clauses.find((c) => c.clause === 1)?.coverage.find((n) => n.code === 'umbrella-failures')?.message.zh).toBe('合规体系未能阻止其他条款的不通过项（第 2、10 条）');
  });
});
