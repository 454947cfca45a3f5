import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReport } from '../../src/cli/diff.js';
import { buildDiff, consentPaths, failingNewFindings } from '../../src/config/diff.js';
import { audit, toolInfo } from '../../src/index.js';
import type { ReportDiff } from '../../src/report/diff-model.js';
import { renderDiff } from '../../src/report/diff-render.js';
import type { AuditReport } from '../../src/report/model.js';
import { isPledgeError } from '../../src/util/errors.js';
import { validate, type Schema } from '../../src/util/json-schema.js';
import { CLAUSES } from '../../rules/index.js';
import { REPO } from '../helpers/corpus.js';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { githubProblems, sarifValidator, type SarifLog } from '../report/sarif-schema.js';

/**
 * `pledge-audit diff` on two releases of the demo app: demo-shop-v2 (1.3.0) adds Tencent Bugly
 * started in Application.onCreate, READ_PHONE_NUMBERS and a phone-number read before consent.
 */
const work = mkdtempSync(join(tmpdir(), 'pledge-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let v1: AuditReport;
let v2: AuditReport;
let clean: AuditReport;
let forward: ReportDiff;

async function report(name: string): Promise<AuditReport> {
  const r = await audit(fixtureApk(name), { lang: 'en' });
  if (r.status !== 'ok') throw new Error(`${name}: ${r.error.code}`);
  return r;
}

const side = (report: AuditReport, path: string): { report: AuditReport; path: string; source: 'app' } => ({ report, path, source: 'app' });

beforeAll(async () => {
  [v1, v2, clean] = await Promise.all([report('demo-shop'), report('demo-shop-v2'), report('clean')]);
  forward = buildDiff(side(v1, 'demo-shop.apk'), side(v2, 'demo-shop-v2.apk'), toolInfo());
});

describe('buildDiff: every class of change between the two demo releases', () => {
  it('the SDK, the permission and the PI kind the new release adds, and nothing removed', () => {
    expect(forward.changed).toBe(true);
    expect(forward.sdks.added.map((s) => s.id)).toEqual(['tencent-bugly']);
    expect(forward.sdks.removed).toEqual([]);
    expect(forward.permissions).toEqual({ added: ['android.permission.READ_PHONE_NUMBERS'], removed: [] });
    expect(forward.personalInformation.added.map((p) => [p.kind, p.owner.kind])).toEqual([['PHONE_NUMBER', 'app']]);
    expect(forward.personalInformation.removed).toEqual([]);
  });

  it('the new before-consent paths: the phone-number read and Bugly started in Application.onCreate', () => {
    const added = forward.beforeConsent.added.map((p) => `${p.check} ${p.who} ${p.api ?? ''} ${p.path.join('>')}`);
    expect(added).toEqual([
      'c02/collect-before-consent app Landroid/telephony/TelephonyManager;->getLine1Number Lcom/example/shiguang/ShopApplication;->onCreate()V',
      'c09/sdk-init-before-consent sdk:tencent-bugly Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport Lcom/example/shiguang/ShopApplication;->onCreate()V',
    ]);
    expect(forward.beforeConsent.removed).toEqual([]);
    // The old release's paths (IMEI, Umeng, JPush…) are still there, so they are neither.
    expect(consentPaths(v1).length).toBeGreaterThan(3);
  });

  it('new and fixed findings by the baseline identity; the worst new one first', () => {
    const fresh = forward.findings.new.map((f) => `${f.verdict} ${f.check}`);
    expect(fresh[0]).toBe('fail c09/sdk-init-before-consent');
    expect(fresh).toContain('warn c02/phone-number');
    expect(forward.findings.new.find((f) => f.check === 'c09/sdk-init-before-consent')?.data.sdk).toBe('tencent-bugly');
    // The IMEI read in onCreate that now also reads the number is the same finding (matched as --baseline matches).
    expect(fresh).not.toContain('fail c02/collect-before-consent');
    const total = v2.clauses.flatMap((c) => c.findings).length;
    expect(forward.findings.unchanged + forward.findings.new.length).toBe(total);
    expect(forward.findings.unchanged + forward.findings.fixed.length).toBe(v1.clauses.flatMap((c) => c.findings).length);
  });

  it('the reverse diff mirrors it: what was added is removed, new findings are fixed', () => {
    const back = buildDiff(side(v2, 'b'), side(v1, 'a'), toolInfo());
    expect(back.sdks.removed.map((s) => s.id)).toEqual(['tencent-bugly']);
    expect(back.permissions.removed).toEqual(['android.permission.READ_PHONE_NUMBERS']);
    expect(back.personalInformation.removed.map((p) => p.kind)).toEqual(['PHONE_NUMBER']);
    expect(back.beforeConsent.removed.length).toBe(2);
    // The baseline identity is not symmetric: a finding with several places matches an old entry
    // whose place is among them (forward, IMEI+number ⊇ IMEI), but a one-place finding matches only
    // its own fingerprint, so backwards the IMEI+number read is fixed and the IMEI-only read new.
    const direct = v2.clauses.flatMap((c) => c.findings).filter((f) => f.check === 'c02/collect-before-consent' && f.messageId === 'direct');
    expect(back.findings.fixed.map((f) => f.fingerprint).sort()).toEqual([...forward.findings.new, ...direct].map((f) => f.fingerprint).sort());
    // …and the old lists of c02/pi-not-in-policy (PI kinds) and c09/sdk-not-in-policy (SDKs),
    // whose identity is the list, are new again.
    expect(back.findings.new.map((f) => `${f.check} ${f.messageId} ${String(f.data.kinds ?? f.data.sdks)}`).sort()).toEqual([
      'c02/collect-before-consent direct IMEI',
      'c02/pi-not-in-policy remote ANDROID_ID,APPLIST,CLIPBOARD,IMEI,IMSI,LOCATION,MAC',
      'c09/sdk-not-in-policy remote amap-location,jiguang-jcore,jpush,umeng-analytics,umeng-common',
    ]);
    const oldDirect = v1.clauses.flatMap((c) => c.findings).filter((f) => f.check === 'c02/collect-before-consent' && f.messageId === 'direct');
    expect(back.findings.new.map((f) => f.fingerprint).sort()).toEqual([...forward.findings.fixed, ...oldDirect].map((f) => f.fingerprint).sort());
  });

  it('clause verdict changes (the clean app against the demo app)', () => {
    const d = buildDiff(side(clean, 'clean.apk'), side(v1, 'demo-shop.apk'), toolInfo());
    expect(d.clauses.length).toBeGreaterThan(0);
    for (const c of d.clauses) {
      expect(c.before).not.toBe(c.after);
      expect(c.before).toBe(clean.clauses.find((x) => x.clause === c.clause)?.verdict);
      expect(c.after).toBe(v1.clauses.find((x) => x.clause === c.clause)?.verdict);
    }
    expect(d.clauses.map((c) => c.clause)).toContain(2);
  });

  it('identical inputs: no change at all', () => {
    const d = buildDiff(side(v1, 'a'), side(v1, 'b'), toolInfo());
    expect(d.changed).toBe(false);
    expect(d.findings.new).toEqual([]);
    expect(d.findings.fixed).toEqual([]);
    expect(d.findings.unchanged).toBe(v1.clauses.flatMap((c) => c.findings).length);
    expect(renderDiff(d, 'text', { lang: 'en', color: false, newReport: v1, clauses: CLAUSES })).toContain('No changes');
    expect(renderDiff(d, 'text', { lang: 'zh', color: false, newReport: v1, clauses: CLAUSES })).toContain('无变化');
  });

  it('--fail-on: new findings at or above the verdict, suppressed ones never', () => {
    expect(failingNewFindings(forward, 'fail').map((f) => f.check)).toEqual(['c09/sdk-init-before-consent']);
    expect(failingNewFindings(forward, 'warn').length).toBeGreaterThan(1);
    expect(failingNewFindings(forward, 'review').length).toBe(forward.findings.new.length);
    expect(failingNewFindings(forward, 'never')).toEqual([]);
    const suppressed: ReportDiff = { ...forward, findings: { ...forward.findings, new: forward.findings.new.map((f) => ({ ...f, suppressed: { reason: 'accepted' } })) } };
    expect(failingNewFindings(suppressed, 'review')).toEqual([]);
  });
});

describe('renderDiff formats', () => {
  it('Markdown: long sections collapse in <details>, short ones stay open, app text escaped', () => {
    const d = buildDiff(side(clean, 'clean.apk'), side(v1, 'demo-shop.apk'), toolInfo());
    const md = renderDiff(d, 'markdown', { lang: 'en', color: false, newReport: v1, clauses: CLAUSES });
    expect(md).toMatch(/<details><summary><b>Permissions \(8 added, 0 removed\)<\/b>/);
    expect(md).toMatch(/^#### SDKs \(5 added, 0 removed\)$/m);
    expect(md).toContain('android.permission.READ\\_PHONE\\_STATE');
    const zh = renderDiff(forward, 'markdown', { lang: 'zh', color: false, newReport: v2, clauses: CLAUSES });
    expect(zh).toContain('#### 第三方 SDK（新增 1 项，移除 0 项）');
  });

  it('SARIF: only the new findings, marked new, valid for GitHub code scanning', () => {
    const log = JSON.parse(renderDiff(forward, 'sarif', { lang: 'en', color: false, newReport: v2, clauses: CLAUSES, cwd: REPO })) as SarifLog & { runs: { results: { ruleId: string; baselineState: string; partialFingerprints: Record<string, string> }[] }[] };
    expect(sarifValidator()(log)).toEqual([]);
    expect(githubProblems(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.partialFingerprints['pledgeAudit/v2']).sort()).toEqual(forward.findings.new.map((f) => f.fingerprint).sort());
    expect(new Set(results.map((r) => r.baselineState))).toEqual(new Set(['new']));
  });

  it('hostile app text (a label with ESC, bidi override, <script>, a pipe) is inert in text and Markdown', () => {
    const label = 'Shop\u001b[31m\u202e|<script>x</script>`@team';
    const evil: AuditReport = { ...v2, target: { ...v2.target, label } };
    const d = buildDiff(side(v1, 'a'), { report: evil, path: 'b\u001b[2J.apk', source: 'report' }, toolInfo());
    const text = renderDiff(d, 'text', { lang: 'en', color: false, newReport: evil, clauses: CLAUSES });
    expect(text).not.toMatch(/[\u001b\u202e]/);
    const md = renderDiff(d, 'markdown', { lang: 'en', color: false, newReport: evil, clauses: CLAUSES });
    expect(md).not.toMatch(/[\u001b\u202e]|<script>|`@team/);
    expect(md).toContain('&#60;script&#62;');
  });
});

describe('the report schema validator agrees with ajv on reports', () => {
  const schema = JSON.parse(readFileSync(join(REPO, 'schema/report.schema.json'), 'utf8')) as Schema;
  const ajv = new Ajv({ allErrors: true, strict: false }).compile(schema);
  it('accepts real reports and rejects the same broken ones', () => {
    const broken: unknown[] = [
      { ...v1, clauses: 'none' },
      { ...v1, verdict: 'maybe' },
      { ...v1, schemaVersion: 2 },
      { ...v1, extra: 1 },
      { ...v1, status: 'error' },
      (({ target: _t, ...rest }) => rest)(v1),
      [v1, { ...v1, tool: { name: 'other', version: '1' } }],
    ];
    for (const good of [v1, v2, clean, [v1, v2]]) {
      expect(ajv(good)).toBe(true);
      expect(validate(good, schema)).toBeUndefined();
    }
    for (const bad of broken) {
      expect(ajv(bad)).toBe(false);
      expect(validate(bad, schema)).toMatch(/^\$/);
    }
  });
});

describe('pledge-audit diff (the built CLI)', () => {
  const v1Apk = fixtureApk('demo-shop');
  const v2Apk = fixtureApk('demo-shop-v2');

  it('two APKs: every section in text, exit 1 with --fail-on fail, 0 with never', () => {
    const r = exec(['diff', v1Apk, v2Apk, '--lang', 'en']);
    expect(r.status, r.stderr).toBe(1);
    for (const s of ['SDKs', '+ Tencent Bugly (tencent-bugly)', '+ android.permission.READ_PHONE_NUMBERS', '+ device phone number', 'Call paths before consent', 'New findings', 'Fixed findings']) expect(r.stdout).toContain(s);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stderr).toBe('1 new finding is at or above --fail-on fail.\n');
    expect(exec(['diff', v1Apk, v2Apk, '--fail-on', 'never']).status).toBe(0);
    const back = exec(['diff', v2Apk, v1Apk, '--fail-on', 'never', '--format', 'json']);
    expect(back.status).toBe(0);
    expect((JSON.parse(back.stdout) as ReportDiff).sdks.removed.map((s) => s.id)).toEqual(['tencent-bugly']);
  });

  it('a JSON report of the old release against the new APK gives the same diff as two APKs', () => {
    const oldJson = join(work, 'old.json');
    expect(exec([v1Apk, '--format', 'json', '--output', oldJson, '--fail-on', 'never']).status).toBe(0);
    const fromReport = exec(['diff', oldJson, v2Apk, '--format', 'json']);
    expect(fromReport.status, fromReport.stderr).toBe(1);
    const fromApks = exec(['diff', v1Apk, v2Apk, '--format', 'json']);
    const a = JSON.parse(fromReport.stdout) as ReportDiff;
    const b = JSON.parse(fromApks.stdout) as ReportDiff;
    expect(a.old.source).toBe('report');
    expect(b.old.source).toBe('app');
    const shape = (d: ReportDiff): unknown => ({ sdks: d.sdks, permissions: d.permissions, pi: d.personalInformation, paths: d.beforeConsent, clauses: d.clauses, fresh: d.findings.new.map((f) => f.fingerprint), fixed: d.findings.fixed.map((f) => f.fingerprint), unchanged: d.findings.unchanged });
    expect(shape(a)).toEqual(shape(b));
    // A report file with one record in an array (several inputs) is read too; the same report twice: no change.
    const arr = join(work, 'arr.json');
    writeFileSync(arr, `[${readFileSync(oldJson, 'utf8')}]`);
    const same = exec(['diff', arr, oldJson]);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toContain('No changes');
  });

  it('identical APKs: no changes, exit 0, even with --fail-on review', () => {
    const r = exec(['diff', v1Apk, v1Apk, '--fail-on', 'review', '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('无变化');
  });

  it('Markdown and SARIF to files', () => {
    const md = join(work, 'diff.md');
    const sarif = join(work, 'diff.sarif');
    expect(exec(['diff', v1Apk, v2Apk, '-f', 'markdown', '-o', md, '--fail-on', 'never']).status).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^### pledge-audit diff: /);
    expect(exec(['diff', v1Apk, v2Apk, '-f', 'sarif', '-o', sarif, '--sarif-category', 'release-diff']).status).toBe(1);
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { automationDetails: { id: string }; results: unknown[] }[] };
    expect(log.runs[0]?.automationDetails.id).toBe('release-diff/');
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
  });

  it('bad inputs: one clean line, a stable code, exit 3 (usage: 2)', () => {
    const good = JSON.parse(readFileSync(join(work, 'old.json'), 'utf8')) as Record<string, unknown>;
    const cases: [string, string, RegExp][] = [
      ['not-json.json', '{"schemaVersion": 1, "tool": ', /E_REPORT_INVALID .*not JSON/],
      ['other-version.json', JSON.stringify({ ...good, tool: { name: 'pledge-audit', version: '0.0.1' } }), /E_REPORT_VERSION .*"0\.0\.1"/],
      ['other-schema.json', JSON.stringify({ ...good, schemaVersion: 2 }), /E_REPORT_VERSION/],
      ['other-tool.json', JSON.stringify({ version: '2.1.0', runs: [] }), /E_REPORT_INVALID .*not a pledge-audit report/],
      ['off-schema.json', JSON.stringify({ ...good, clauses: 'none' }), /E_REPORT_INVALID .*\$\.clauses/],
      ['two-apps.json', JSON.stringify([good, good]), /E_REPORT_INVALID .*2 records/],
      ['error-record.json', JSON.stringify({ ...good, status: 'error', error: { code: 'E_ZIP_NO_EOCD', message: 'x' } }), /E_REPORT_INVALID .*could not be analysed \(E_ZIP_NO_EOCD\)/],
      ['not-an-apk.apk', 'hello', /E_INPUT_UNSUPPORTED|E_ZIP_NO_EOCD/],
    ];
    for (const [name, content, re] of cases) {
      const p = join(work, name);
      writeFileSync(p, content);
      const r = exec(['diff', p, v2Apk]);
      expect(r.status, `${name}: ${r.stderr}`).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0], name).toMatch(re);
      expect(r.stderr.split('\n')[0]).toMatch(/^pledge-audit: E_/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = exec(['diff', join(work, 'missing.apk'), v2Apk]);
    // A mistyped path is a mistake of the command line: exit 2 in every command (docs/errors.md).
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^pledge-audit: E_INPUT_NOT_FOUND/);
    const missingJson = exec(['diff', join(work, 'missing.json'), v2Apk]);
    expect(missingJson.status).toBe(2);
    expect(missingJson.stderr).toMatch(/^pledge-audit: E_INPUT_NOT_FOUND/);
    const zh = exec(['diff', join(work, 'other-version.json'), v2Apk, '--lang', 'zh']);
    expect(zh.stderr).toMatch(/^pledge-audit: E_REPORT_VERSION .*由其他版本的 pledge-audit/);
    const one = exec(['diff', v2Apk]);
    expect(one.status).toBe(2);
    expect(exec(['diff', v1Apk, v2Apk, '--format', 'html']).status).toBe(2);
  });

  it('appears in --help, in English and Chinese', () => {
    expect(exec(['--help']).stdout).toMatch(/diff \[options\] <old> <new>\s+compare two versions of an app/);
    expect(exec(['--help'], { LANG: 'zh_CN.UTF-8' }).stdout).toContain('对比同一应用的两个版本');
    const help = exec(['diff', '--help']).stdout;
    for (const o of ['--format', '--fail-on', '--output', '--config', '--sarif-category', 'sarif: the new findings only']) expect(help).toContain(o);
  });
});

describe('readReport', () => {
  it('reads a report this version wrote, and names the file in its errors', () => {
    const path = join(work, 'rr.json');
    writeFileSync(path, JSON.stringify(v1));
    expect(readReport(path).target.package).toBe('com.example.shiguang');
    writeFileSync(path, '[]');
    try {
      readReport(path);
      expect.unreachable();
    } catch (e) {
      expect(isPledgeError(e) && e.code).toBe('E_REPORT_INVALID');
      expect(isPledgeError(e) && e.entry).toBe(path);
    }
  });
});
