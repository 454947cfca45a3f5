import { describe, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { fixtureFacts } from '../helpers/fixtures.js';
import { expectFindings, runCheck } from '../helpers/rule-tester.js';
import { CASES } from './cases.js';

for (const clause of CLAUSES) {
  for (const check of clause.checks) {
    const cases = CASES[check.meta.id];
    if (cases === undefined) continue; // the meta test reports missing cases
    describe(check.meta.id, () => {
      for (const c of cases.fires) {
        it(`fires on ${c.fixture}${flags(c.options)}`, async () => {
          expectFindings(runCheck(await fixtureFacts(c.fixture), clause, check, c.options), c.expect);
        });
      }
      for (const c of cases.silent) {
        it(`stays silent on ${c.fixture}${flags(c.options)}`, async () => {
          expectFindings(runCheck(await fixtureFacts(c.fixture), clause, check, c.options), []);
        });
      }
    });
  }
}

function flags(o: { strict?: boolean; categories?: readonly string[] } | undefined): string {
  const parts = [...(o?.strict === true ? ['--strict'] : []), ...(o?.categories !== undefined ? [`--category ${o.categories.join(',')}`] : [])];
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}
