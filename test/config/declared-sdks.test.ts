import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { applyConfig } from '../../src/config/apply.js';
import { parseConfig } from '../../src/config/config.js';
import { declaredSdkStatus } from '../../src/config/declared-sdks.js';
import { UNDECLARED_SDK_CHECK } from '../../src/engine/declared-sdks.js';
import type { AuditReport } from '../../src/report/model.js';
import { fixtureRecord } from '../report/helpers.js';

const UMENG_ONLY = parseConfig({ sdks: [{ name: '友盟+', package: 'com.umeng' }, { name: '个推', package: 'com.igexin' }] }, 'x.json');

describe('declared SDK list (report side)', () => {
  it('lists every declared entry with whether a detected SDK matches it', async () => {
    const r = await fixtureRecord('sdk-mix');
    expect(declaredSdkStatus(r, UMENG_ONLY)).toEqual([
      { name: '友盟+', package: 'com.umeng', detected: true, matches: ['umeng-analytics'] },
      { name: '个推', package: 'com.igexin', detected: false, matches: [] },
    ]);
  });

  it('adds no finding: c09/undeclared-sdk is the engine check alone, run with the same list', async () => {
    const r = await fixtureRecord('sdk-mix');
    const [out] = applyConfig([r], UMENG_ONLY, { today: '2026-03-15', clauses: CLAUSES }) as AuditReport[];
    const count = (x: AuditReport | undefined) => x?.clauses.flatMap((c) => c.findings).filter((f) => f.check === UNDECLARED_SDK_CHECK).length;
    expect(count(out)).toBe(count(r));
    expect(out?.declaredSdks?.length).toBe(2);
  });
});
