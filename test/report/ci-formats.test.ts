import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { join } from 'node:path';
import { audit } from '../../src/index.js';
import { counts } from '../../src/model/index.js';
import type { AuditRecord, AuditReport } from '../../src/report/model.js';
import { renderRecords, type ReportFormat } from '../../src/report/render.js';
import { REPO } from '../helpers/corpus.js';
import { validateCodeQuality, validateSast, validateSonar } from './ci-schemas.js';
import { errorRecord, fixtureRecord } from './helpers.js';

const SCAN_TIME = { start: new Date('2026-01-02T03:04:05Z'), end: new Date('2026-01-02T03:04:07Z') };

function render(records: readonly AuditRecord[], format: ReportFormat): unknown {
  return JSON.parse(renderRecords(records, format, { lang: 'en', color: false, verbose: false, clauses: CLAUSES, cwd: REPO, docsBaseUrl: 'https://example.org/pledge-audit', scanTime: SCAN_TIME }));
}

function unsuppressed(r: AuditReport): number {
  return r.clauses.reduce((n, c) => n + c.findings.filter((f) => f.suppressed === undefined).length, 0);
}

interface CodeQualityIssue {
  check_name: string;
  fingerprint: string;
  severity: string;
  description: string;
  location: { path: string; lines: { begin: number } };
}

describe('GitLab Code Quality, GitLab SAST and SonarQube reports', () => {
  const names = ['demo-shop', 'manifest-risky', 'clean', 'coverage-packed'];

  it('are valid against their schemas for fixtures and an input error, one issue per unsuppressed finding', async () => {
    const records: AuditRecord[] = [...(await Promise.all(names.map((n) => fixtureRecord(n)))), await errorRecord()];
    const total = records.reduce((n, r) => n + (r.status === 'ok' ? unsuppressed(r) : 0), 0);
    expect(total).toBeGreaterThan(20);
    const cq = render(records, 'codequality') as CodeQualityIssue[];
    expect(validateCodeQuality(cq)).toEqual([]);
    expect(cq).toHaveLength(total);
    const sast = render(records, 'gitlab-sast') as { vulnerabilities: { id: string; identifiers: { value: string }[] }[]; scan: { start_time: string; end_time: string; messages: { value: string }[] } };
    expect(validateSast(sast)).toEqual([]);
    expect(sast.vulnerabilities).toHaveLength(total);
    expect(sast.scan.start_time).toBe('2026-01-02T03:04:05');
    expect(sast.scan.end_time).toBe('2026-01-02T03:04:07');
    expect(sast.scan.messages.map((m) => m.value)).toEqual([expect.stringContaining('E_INPUT_NOT_FOUND')]);
    const sonar = render(records, 'sonarqube') as { rules: { id: string }[]; issues: { ruleId: string }[] };
    expect(validateSonar(sonar)).toEqual([]);
    expect(sonar.issues).toHaveLength(total);
    expect(new Set(sonar.rules.map((r) => r.id))).toEqual(new Set(sonar.issues.map((i) => i.ruleId)));
  });

  it('fingerprints and ids come from the finding identity: unique per fact and app, stable across runs', async () => {
    const a = await fixtureRecord('demo-shop');
    const b = await fixtureRecord('demo-shop');
    const cq = (r: AuditRecord) => render([r], 'codequality') as CodeQualityIssue[];
    const prints = cq(a).map((i) => i.fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
    expect(cq(b).map((i) => i.fingerprint)).toEqual(prints);
    // The same fact in another app is another issue.
    const other: AuditReport = { ...a, target: { ...a.target, package: 'com.example.other' } };
    expect(cq(other).map((i) => i.fingerprint).filter((p) => prints.includes(p))).toEqual([]);
    const sast = render([a], 'gitlab-sast') as { vulnerabilities: { id: string; identifiers: { type: string; value: string }[] }[] };
    const ids = sast.vulnerabilities.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Primary identifier is the fact (GitLab merges vulnerabilities that share it and their place).
    expect(sast.vulnerabilities.map((v) => v.identifiers[0]?.value)).toEqual(prints);
    expect(sast.vulnerabilities.every((v) => v.identifiers[1]?.type === 'pledge_audit_check')).toBe(true);
  });

  it('map verdicts to each service\'s severity and leave suppressed findings out', async () => {
    const r = await fixtureRecord('manifest-risky');
    const first = r.clauses.find((c) => c.findings.length > 0);
    if (first === undefined) throw new Error('no finding');
    const suppressed: AuditReport = { ...r, clauses: r.clauses.map((c) => (c === first ? { ...c, findings: c.findings.map((f, i) => (i === 0 ? { ...f, suppressed: { reason: 'accepted' } } : f)) } : c)) };
    const cq = render([suppressed], 'codequality') as CodeQualityIssue[];
    expect(cq).toHaveLength(unsuppressed(r) - 1);
    const want = { fail: 'critical', warn: 'major', review: 'minor' } as const;
    const findings = suppressed.clauses.flatMap((c) => c.findings).filter((f) => f.suppressed === undefined);
    expect(cq.map((i) => i.severity)).toEqual(findings.map((f) => want[f.verdict]));
    expect(cq.map((i) => i.check_name)).toEqual(findings.map((f) => f.check));
    expect(cq.every((i) => i.location.path === 'fixtures/apk/manifest-risky.apk' && i.location.lines.begin === 1)).toBe(true);
    const sast = render([suppressed], 'gitlab-sast') as { vulnerabilities: { severity: string; location: { file: string } }[] };
    const sev = { fail: 'High', warn: 'Medium', review: 'Low' } as const;
    expect(sast.vulnerabilities.map((v) => v.severity)).toEqual(findings.map((f) => sev[f.verdict]));
    expect(findings.some((f) => !counts(f))).toBe(false);
  });

  it('code evidence names its class and method in the SAST location', async () => {
    const sast = render([await fixtureRecord('demo-shop')], 'gitlab-sast') as { vulnerabilities: { location: { class?: string; method?: string } }[] };
    expect(sast.vulnerabilities.some((v) => v.location.class === 'com.example.shiguang.ShopApplication' && v.location.method === 'onCreate()')).toBe(true);
  });

  it('evidence with a source place is shown on its file and line: a plain-text manifest input, and --source-root', async () => {
    const text = await audit(join(REPO, 'fixtures/src/manifest-risky/AndroidManifest.xml'), { lang: 'en', clauses: CLAUSES });
    if (text.status !== 'ok') throw new Error(text.error.code);
    const cq = render([{ ...text, target: { ...text.target, path: join(REPO, 'fixtures/src/manifest-risky/AndroidManifest.xml') } }], 'codequality') as CodeQualityIssue[];
    expect(validateCodeQuality(cq)).toEqual([]);
    expect(cq.every((i) => i.location.path === 'fixtures/src/manifest-risky/AndroidManifest.xml')).toBe(true);
    // Each finding on the line of its element, not on line 1 of the file.
    expect(new Set(cq.map((i) => i.location.lines.begin)).size).toBeGreaterThan(5);
    expect(cq.every((i) => i.location.lines.begin > 1)).toBe(true);
    const demo = await fixtureRecord('demo-shop', { sourceRoot: join(REPO, 'fixtures/src/demo-shop') });
    const sonar = render([demo], 'sonarqube') as { issues: { primaryLocation: { filePath: string; textRange?: { startLine: number } } }[] };
    expect(validateSonar(sonar)).toEqual([]);
    expect(sonar.issues.map((i) => i.primaryLocation)).toContainEqual({ message: expect.any(String), filePath: 'fixtures/src/demo-shop/src/main/java/com/example/shiguang/ShopApplication.java', textRange: { startLine: expect.any(Number) } });
    const sast = render([demo], 'gitlab-sast') as { vulnerabilities: { location: { file: string; start_line?: number } }[] };
    expect(sast.vulnerabilities.some((v) => v.location.file === 'fixtures/src/demo-shop/res/layout/activity_splash.xml' && v.location.start_line === 10)).toBe(true);
    // Evidence without a source place stays on the APK.
    expect(sast.vulnerabilities.some((v) => v.location.file === 'fixtures/apk/demo-shop.apk' && v.location.start_line === undefined)).toBe(true);
  });

  it('the validators can fail', () => {
    const cq = [{ description: 'd', check_name: 'c', fingerprint: 'f', severity: 'minor', location: { path: 'a.apk', lines: { begin: 1 } } }];
    expect(validateCodeQuality(cq)).toEqual([]);
    expect(validateCodeQuality([{ ...cq[0], severity: 'warning' }])).not.toEqual([]);
    expect(validateCodeQuality([{ ...cq[0], location: { path: '/abs/a.apk', lines: { begin: 1 } } }])).not.toEqual([]);
    expect(validateCodeQuality([{ ...cq[0], location: { path: 'a.apk' } }])).not.toEqual([]);
    expect(validateSast({ version: '15.2.1', vulnerabilities: [] })).not.toEqual([]);
    expect(validateSast({ version: '15.2.1', scan: { analyzer: {}, scanner: {}, type: 'sast', start_time: 'now', end_time: 'now', status: 'success' }, vulnerabilities: [] })).not.toEqual([]);
    const rule = { id: 'r', name: 'n', engineId: 'e', cleanCodeAttribute: 'LAWFUL', impacts: [{ softwareQuality: 'SECURITY', severity: 'HIGH' }] };
    const issue = { ruleId: 'r', primaryLocation: { message: 'm', filePath: 'a.apk' } };
    expect(validateSonar({ rules: [rule], issues: [issue] })).toEqual([]);
    expect(validateSonar({ rules: [rule], issues: [{ ...issue, ruleId: 'x' }] })).toEqual(["rule with 'x' not present"]);
    expect(validateSonar({ rules: [rule, rule], issues: [] })).toEqual(["duplicate rule ID 'r'"]);
    expect(validateSonar({ rules: [rule], issues: [{ ...issue, severity: 'MAJOR' }] })).not.toEqual([]);
    expect(validateSonar({ rules: [{ ...rule, impacts: undefined }], issues: [] })).not.toEqual([]);
    expect(validateSonar({ issues: [issue] })).not.toEqual([]);
  });
});
