import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import type { ReportFinding } from '../../src/report/model.js';
import type { AuditRecord, AuditReport } from '../../src/report/model.js';
import { artifactUri, renderSarif, type SarifOptions } from '../../src/report/sarif.js';
import { docsBaseUrlFrom } from '../../src/report/docs-url.js';
import { renderRecords } from '../../src/report/render.js';
import { factIdentity, fingerprint } from '../../src/engine/fingerprint.js';
import { REPO } from '../helpers/corpus.js';
import { errorRecord, fixtureRecord } from './helpers.js';
import { githubProblems, sarifValidator, type SarifLog } from './sarif-schema.js';

const validate = sarifValidator();
const OPTIONS: SarifOptions = { lang: 'en', clauses: CLAUSES, cwd: REPO };

function sarif(records: readonly AuditRecord[], o: Partial<SarifOptions> = {}): SarifLog {
  const text = renderSarif(records, { ...OPTIONS, ...o });
  const log = JSON.parse(text) as SarifLog;
  expect(validate(log), 'schema errors').toEqual([]);
  expect(githubProblems(log)).toEqual([]);
  return log;
}

const findings = (r: AuditReport): ReportFinding[] => r.clauses.flatMap((c) => c.findings);

describe('SARIF 2.1.0', () => {
  it('is schema-valid and code-scanning-ready for every kind of fixture and an error record, in one run', async () => {
    const names = ['demo-shop', 'manifest-risky', 'code-risky', 'sdk-mix', 'coverage-packed', 'clean', 'signing-debug'];
    const records: AuditRecord[] = [...(await Promise.all(names.map((n) => fixtureRecord(n)))), await errorRecord()];
    const log = sarif(records);
    const run = log.runs[0];
    if (run === undefined) throw new Error('no run');
    expect(run.artifacts.map((a) => a.location.uri)).toEqual([...names.map((n) => `fixtures/apk/${n}.apk`), 'test/report/no-such-input.apk']);
    const all = records.flatMap((r) => (r.status === 'ok' ? findings(r) : []));
    expect(run.results).toHaveLength(all.length);
    run.results.forEach((res, i) => expect(res.partialFingerprints['pledgeAudit/v2']).toBe(all[i]?.fingerprint));
    const notFound = run.invocations[0]?.toolExecutionNotifications.find((n) => n.descriptor?.id === 'E_INPUT_NOT_FOUND');
    expect(notFound?.level).toBe('error');
    expect(run.invocations[0]?.executionSuccessful).toBe(false);
    // The packer is an app-wide coverage limit: a warning, not silence.
    expect(run.invocations[0]?.toolExecutionNotifications.some((n) => n.level === 'warning' && /packed|加固|Jiagu/i.test(n.message.text))).toBe(true);
  });

  it('has one rule per check with help and the docs page, and the level of a verdict', async () => {
    const log = sarif([await fixtureRecord('demo-shop')]);
    const run = log.runs[0];
    if (run === undefined) throw new Error('no run');
    const checks = CLAUSES.flatMap((c) => c.checks.map((k) => k.meta));
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(checks.map((m) => m.id));
    for (const [i, rule] of run.tool.driver.rules.entries()) {
      expect(rule.shortDescription.text).toBe(checks[i]?.title.en);
      expect(rule.helpUri).toBeUndefined();
    }
    const level = { fail: 'error', warn: 'warning', review: 'note' } as const;
    for (const res of run.results) expect(res.level).toBe(level[res.properties.verdict as keyof typeof level]);
    expect(new Set(run.results.map((r) => r.level))).toEqual(new Set(['error', 'warning', 'note']));
    expect(run.invocations[0]?.executionSuccessful).toBe(true);
  });

  it('gives a helpUri under the docs base URL when there is one, still schema-valid', async () => {
    const base = 'https://github.com/example/pledge-audit/blob/v1.2.3';
    const log = sarif([await fixtureRecord('manifest-risky')], { docsBaseUrl: base });
    const rule = log.runs[0]?.tool.driver.rules.find((r) => r.id === 'c10/debuggable');
    expect(rule?.helpUri).toBe(`${base}/docs/rules/c10/debuggable.md`);
  });

  it('anchors logical locations: manifest paths as elements/attributes, DEX methods as functions, call paths as code flows', async () => {
    const log = sarif([await fixtureRecord('demo-shop')]);
    const results = log.runs[0]?.results ?? [];
    const logical = results.flatMap((r) => r.locations.flatMap((l) => l.logicalLocations ?? []));
    expect(logical).toContainEqual({ fullyQualifiedName: 'AndroidManifest.xml:/manifest/application/@android:allowBackup', kind: 'attribute' });
    expect(logical).toContainEqual({ fullyQualifiedName: "AndroidManifest.xml:/manifest/application/provider[@android:name='cn.jpush.android.service.InitProvider']", kind: 'element' });
    expect(logical).toContainEqual({ fullyQualifiedName: 'Lcom/example/shiguang/ShopApplication;->onCreate()V', kind: 'function' });
    const flow = results.find((r) => r.codeFlows !== undefined);
    const steps = flow?.codeFlows?.[0]?.threadFlows[0]?.locations.map((l) => l.location.logicalLocations?.[0]?.fullyQualifiedName);
    expect(steps?.length).toBeGreaterThan(1);
    for (const s of steps ?? []) expect(s).toMatch(/^L[^;]+;->[^(]+\(/);
  });

  it('caps locations at 10 and says how many more there are', async () => {
    const r = await fixtureRecord('demo-shop');
    const loc = r.clauses[0]?.findings[0]?.evidence[0] ?? { location: { kind: 'app' as const } };
    const many: ReportFinding = { check: 'c02/collect-before-consent', clause: 2, verdict: 'warn', messageId: 'x', data: {}, message: { en: 'many', zh: 'many' }, evidence: Array.from({ length: 25 }, () => loc), fingerprint: '0'.repeat(32) };
    const noEvidence: ReportFinding = { ...many, evidence: [], fingerprint: '1'.repeat(32) };
    const record: AuditReport = { ...r, clauses: r.clauses.map((c) => (c.clause === 2 ? { ...c, findings: [many, noEvidence] } : { ...c, findings: [] })) };
    const results = sarif([record]).runs[0]?.results ?? [];
    expect(results[0]?.locations).toHaveLength(10);
    expect(results[0]?.message.text).toBe('many (+15 more locations in the JSON report)');
    // No evidence at all: still anchored to the APK.
    expect(results[1]?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'fixtures/apk/demo-shop.apk', index: 0 } } }]);
  });

  it('carries suppressions, baseline state and clause errors', async () => {
    const r = await fixtureRecord('manifest-risky');
    const [first, second, ...rest] = findings(r);
    if (first === undefined || second === undefined) throw new Error('fixture changed');
    const marked: AuditReport = {
      ...r,
      baseline: { baselined: 1, new: rest.length, absent: 0 },
      clauses: r.clauses.map((c) => ({
        ...c,
        findings: c.findings.map((f) => (f === first ? { ...f, suppressed: { reason: 'disclosed in the policy' } } : f === second ? { ...f, baselined: true } : f)),
        ...(c.clause === 3 ? { errors: [{ check: 'c03/x', code: 'E_RULE_CRASHED', message: 'boom' }] } : {}),
      })),
    };
    const run = sarif([marked]).runs[0];
    const results = run?.results ?? [];
    expect(results[0]?.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'disclosed in the policy' }]);
    expect(results[1]?.baselineState).toBe('unchanged');
    expect(results[2]?.baselineState).toBe('new');
    expect(results[2]?.suppressions).toBeUndefined();
    expect(run?.invocations[0]?.executionSuccessful).toBe(false);
    expect(run?.invocations[0]?.toolExecutionNotifications).toContainEqual(expect.objectContaining({ level: 'error', descriptor: { id: 'E_RULE_CRASHED' } }));
  });

  it('the schema check can fail: it rejects a bad level, a relative helpUri and a result without a message', async () => {
    const log = JSON.parse(renderSarif([await fixtureRecord('manifest-risky')], OPTIONS)) as SarifLog & { runs: { results: Record<string, unknown>[] }[] };
    const run = log.runs[0];
    const rule = run?.tool.driver.rules[0];
    const res = run?.results[0];
    if (run === undefined || rule === undefined || res === undefined) throw new Error('empty');
    rule.helpUri = 'docs/rules/c01/x.md';
    res.level = 'critical';
    delete (res as { message?: unknown }).message;
    const paths = validate(log).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toContain('/runs/0/tool/driver/rules/0/helpUri format');
    expect(paths).toContain('/runs/0/results/0/level enum');
    expect(paths).toContain('/runs/0/results/0 required');
    delete (res as { locations?: unknown }).locations;
    expect(githubProblems(log)).toContain('result 0 has no physical location');
  });

  it('makes artifact URIs relative to the working directory and encodes them', () => {
    expect(artifactUri('/work/ci/app/build/app release.apk', '/work/ci')).toBe('app/build/app%20release.apk');
    expect(artifactUri('./out/拾光.apk', '/work/ci')).toBe('out/%E6%8B%BE%E5%85%89.apk');
    expect(artifactUri('/elsewhere/app.apk', '/work/ci')).toBe('file:///elsewhere/app.apk');
    expect(artifactUri('out\\app.apk')).toBe('out/app.apk');
  });

  it('derives the docs base URL from package.json repository, pinned to the release tag', () => {
    expect(docsBaseUrlFrom({ version: '1.2.3' })).toBeUndefined();
    expect(docsBaseUrlFrom({ version: '1.2.3', repository: { url: 'git+https://github.com/acme/pledge-audit.git' } })).toBe('https://github.com/acme/pledge-audit/blob/v1.2.3');
    expect(docsBaseUrlFrom({ version: '1.2.3', repository: 'acme/pledge-audit' })).toBe('https://github.com/acme/pledge-audit/blob/v1.2.3');
    expect(docsBaseUrlFrom({ version: '1.2.3', repository: 'https://gitlab.com/acme/pledge-audit' })).toBe('https://gitlab.com/acme/pledge-audit/-/blob/v1.2.3');
    expect(docsBaseUrlFrom({ version: '1.2.3', repository: 'https://example.com/acme/pledge-audit' })).toBeUndefined();
  });
});

describe('SARIF for GitHub code scanning (issue 13)', () => {
  const FIXTURES = readdirSync(join(REPO, 'fixtures/apk')).filter((f) => f.endsWith('.apk')).map((f) => f.slice(0, -4)).sort();

  it('gives every result of every fixture a fingerprint of its own (per app), from the fact, never the pc', async () => {
    for (const name of FIXTURES) {
      const record = await fixtureRecord(name);
      const log = sarif([record]);
      const prints = (log.runs[0]?.results ?? []).map((r) => r.partialFingerprints['pledgeAudit/v2'] ?? '');
      const dupes = prints.filter((p, i) => prints.indexOf(p) !== i);
      expect(dupes, `${name}: results sharing a fingerprint`).toEqual([]);
    }
  });

  it('tells apart two PI reads in one method, and keeps a fingerprint when only the pc or the call path changes', () => {
    const loc = { kind: 'dex', entry: 'classes.dex', method: 'Lcom/a/App;->onCreate()V', pc: 4 } as const;
    const imei = fingerprint('c02/pi-before-consent', loc, ['piRead', factIdentity({ kind: 'imei', owner: 'first-party', count: 1 })].join('\n'));
    const phone = fingerprint('c02/pi-before-consent', loc, ['piRead', factIdentity({ kind: 'phone-number', owner: 'first-party', count: 1 })].join('\n'));
    const moved = fingerprint('c02/pi-before-consent', { ...loc, pc: 40, entry: 'classes2.dex' }, ['piRead', factIdentity({ kind: 'imei', owner: 'first-party', count: 3, path: ['x'] })].join('\n'));
    expect(imei).not.toBe(phone);
    expect(moved).toBe(imei);
    expect(factIdentity({ kinds: ['mac', 'imei'] })).toBe(factIdentity({ kinds: ['imei', 'mac'] }));
  });

  it('rules carry security-severity, tags with the clause and a helpUri (default: the repository of package.json)', async () => {
    const text = renderRecords([await fixtureRecord('demo-shop')], 'sarif', { lang: 'en', color: false, verbose: false, clauses: CLAUSES, cwd: REPO, sarifCategory: 'android/app' });
    const log = JSON.parse(text) as SarifLog & { runs: { automationDetails?: { id: string }; tool: { driver: { rules: { properties?: { tags?: string[]; 'security-severity'?: string; clause?: number } }[] } } }[] };
    expect(validate(log)).toEqual([]);
    const run = log.runs[0];
    if (run === undefined) throw new Error('no run');
    expect(run.automationDetails?.id).toBe('android/app/');
    for (const [i, rule] of run.tool.driver.rules.entries()) {
      const p = (run.tool.driver.rules[i] as { properties?: { tags?: string[]; 'security-severity'?: string; clause?: number } }).properties;
      expect(rule.helpUri, rule.id).toMatch(/^https:\/\/.+\/docs\/rules\/c\d\d\/[a-z0-9-]+\.md$/);
      expect(Number(p?.['security-severity']), rule.id).toBeGreaterThan(0);
      expect(p?.tags).toEqual(expect.arrayContaining(['security', 'privacy', `pledge/clause-${p?.clause ?? 0}`]));
    }
    const flows = run.results.flatMap((r) => r.codeFlows ?? []);
    expect(flows.length).toBeGreaterThan(0);
    for (const step of flows.flatMap((f) => f.threadFlows.flatMap((t) => t.locations))) {
      const l = step.location as { message?: { text: string }; logicalLocations?: { fullyQualifiedName?: string }[] };
      expect(l.message?.text).toBe(l.logicalLocations?.[0]?.fullyQualifiedName);
    }
  });
});
