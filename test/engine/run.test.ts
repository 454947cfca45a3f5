import { describe, expect, it } from 'vitest';
import { runClauses } from '../../src/engine/run.js';
import { defineCheck, defineClause, type ClauseModule } from '../../src/engine/types.js';
import { fixtureFacts } from '../helpers/fixtures.js';
import { DEFAULT_OPTIONS } from '../helpers/rule-tester.js';

const silent = defineCheck({
  meta: { id: 'c01/test-silent', title: { en: 't', zh: 't' }, verdicts: ['warn'], needs: ['manifest'], docs: { basis: { en: '', zh: '' }, fix: { en: '', zh: '' } }, messages: { m: { en: 'm', zh: 'm' } } },
  run() {},
});
const failing = defineCheck({
  meta: { id: 'c10/test-fail', title: { en: 't', zh: 't' }, verdicts: ['fail'], needs: ['manifest'], docs: { basis: { en: '', zh: '' }, fix: { en: '', zh: '' } }, messages: { m: { en: 'always', zh: 'always' } } },
  run({ report }) {
    report({ messageId: 'm', verdict: 'fail', evidence: [{ location: { kind: 'app' } }] });
  },
});
const note = { code: 'umbrella-failures', message: { en: 'lets failures through', zh: '未能阻止' } };
const clause = (n: 1 | 2 | 10, checks: ClauseModule['checks'], extra: Partial<ClauseModule> = {}): ClauseModule => defineClause({ clause: n, slug: `c${n}`, title: { en: 't', zh: 't' }, pledge: 'p', requires: [], checks, ...extra });

describe('engine: clause verdicts', () => {
  it('an umbrella clause with nothing to report cannot pass while a clause it depends on fails', async () => {
    const facts = await fixtureFacts('clean');
    const [c1, c10] = runClauses(facts, [clause(1, [silent], { passOnlyWithout: { clauses: [2, 10], note } }), clause(10, [failing])], DEFAULT_OPTIONS);
    expect(c10?.verdict).toBe('fail');
    expect(c1?.verdict).toBe('review');
    expect(c1?.coverage.map((n) => n.code)).toEqual(['umbrella-failures']);
    expect(c1?.coverage[0]?.message.en).toContain('clause 10');
  });

  it('passes when the clauses it depends on do not fail, or did not run', async () => {
    const facts = await fixtureFacts('clean');
    expect(runClauses(facts, [clause(1, [silent], { passOnlyWithout: { clauses: [2, 10], note } }), clause(10, [silent])], DEFAULT_OPTIONS)[0]?.verdict).toBe('pass');
    expect(runClauses(facts, [clause(1, [silent], { passOnlyWithout: { clauses: [2, 10], note } })], DEFAULT_OPTIONS)[0]?.verdict).toBe('pass');
  });

  it('a clause none of whose checks could run is review, never pass', async () => {
    const facts = await fixtureFacts('clean');
    const [c2] = runClauses(facts, [clause(2, [])], DEFAULT_OPTIONS);
    expect(c2?.verdict).toBe('review');
    expect(c2?.coverage.map((n) => n.code)).toEqual(['no-checks-ran']);
  });
});
