import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { applyConfig } from '../../src/config/apply.js';
import { parseBaselineText, writeBaseline } from '../../src/config/baseline.js';
import { parseConfig } from '../../src/config/config.js';
import type { AuditRecord, AuditReport } from '../../src/report/model.js';
import { renderRecords } from '../../src/report/render.js';
import { CLAUSES } from '../../rules/index.js';
import { REPO } from '../helpers/corpus.js';
import { errorRecord, fixtureRecord } from '../report/helpers.js';

const schema = JSON.parse(readFileSync(join(REPO, 'schema/report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

const CONFIG = parseConfig(
  {
    sdks: [{ name: '友盟+', package: 'com.umeng' }, { name: '个推', package: 'com.igexin' }],
    suppressions: [
      { check: 'c10/allow-backup', reason: 'backups are encrypted by the MDM profile', expires: '2030-12-31' },
      { check: 'c10/debuggable', reason: 'old exception', expires: '2020-01-01' },
    ],
  },
  'pledge-audit.config.json',
);

describe('schema/report.schema.json with config and baseline applied', () => {
  it('validates reports carrying declared SDKs, suppressions (active and expired), suppressed and baselined findings', async () => {
    // The baseline predates the declared SDK list: the warns the list adds are new.
    const baseline = parseBaselineText(writeBaseline([await fixtureRecord('demo-shop')]), 'b.json');
    const records: AuditRecord[] = [await fixtureRecord('demo-shop', { declaredSdks: CONFIG.sdks ?? [] }), await fixtureRecord('manifest-risky'), await errorRecord()];
    const out = applyConfig(records, CONFIG, { today: '2026-03-15', baseline, clauses: CLAUSES });
    const [demo, risky] = out as AuditReport[];
    expect(demo?.declaredSdks?.map((d) => d.detected)).toEqual([true, false]);
    expect(risky?.suppressions?.map((s) => s.state)).toEqual(['active', 'expired']);
    expect(demo?.baseline?.new).toBeGreaterThan(0);
    expect(out.flatMap((r) => (r.status === 'ok' ? r.clauses.flatMap((c) => c.findings) : [])).some((f) => f.suppressed !== undefined)).toBe(true);
    expect(out.flatMap((r) => (r.status === 'ok' ? r.clauses.flatMap((c) => c.findings) : [])).some((f) => f.baselined === true)).toBe(true);
    // Through the JSON reporter, as --format json writes it.
    const json = JSON.parse(renderRecords(out, 'json', { lang: 'en', color: false, verbose: false, clauses: CLAUSES })) as unknown;
    expect(validate(json), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('rejects what the additions forbid (the schema check can fail)', async () => {
    const r = applyConfig([await fixtureRecord('demo-shop')], CONFIG, { today: '2026-03-15', clauses: CLAUSES })[0] as AuditReport;
    const bad = (patch: Partial<AuditReport>) => validate(JSON.parse(JSON.stringify({ ...r, ...patch })) as unknown);
    expect(bad({})).toBe(true);
    expect(bad({ suppressions: [{ check: 'c10/x', reason: '', state: 'active', matched: 0 }] })).toBe(false);
    expect(bad({ suppressions: [{ check: 'c10/x', reason: 'r', state: 'lapsed' as 'active', matched: 0 }] })).toBe(false);
    expect(bad({ declaredSdks: [{ name: 'x', package: 'y', detected: true } as never] })).toBe(false);
    expect(bad({ baseline: { baselined: 1, new: -1, absent: 0 } })).toBe(false);
  });
});
