import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { REPO } from '../helpers/corpus.js';
import { exec } from '../helpers/exec.js';
import { fixtureApk, FIXTURE_SRC } from '../helpers/fixtures.js';

const schema = JSON.parse(readFileSync(join(REPO, 'schema/report.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const work = mkdtempSync(join(tmpdir(), 'pledge-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('pledge-audit CLI', () => {
  it('the demo report in JSON validates against the published schema', () => {
    const r = exec([fixtureApk('demo-shop'), '--format', 'json']);
    const report = JSON.parse(r.stdout) as { status: string; clauses: unknown[] };
    expect(validate(report), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(report.status).toBe('ok');
    expect(report.clauses).toHaveLength(10);
  });

  it('every fixture report and an error record validate against the schema', () => {
    const inputs = ['clean', 'manifest-risky', 'manifest-defaults', 'manifest-legacy', 'manifest-protected'].map(fixtureApk);
    const r = exec([...inputs, join(work, 'missing.apk'), '--format', 'json']);
    const records = JSON.parse(r.stdout) as unknown[];
    expect(records).toHaveLength(6);
    expect(validate(records), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('JSON output is deterministic (no timestamps, stable order)', () => {
    const a = exec([fixtureApk('manifest-risky'), '--format', 'json']).stdout;
    const b = exec([fixtureApk('manifest-risky'), '--format', 'json']).stdout;
    expect(a).toBe(b);
  });

  it('exit 0 when nothing reaches --fail-on, 1 when a clause does', () => {
    expect(exec([fixtureApk('clean')]).status).toBe(0);
    expect(exec([fixtureApk('manifest-risky')]).status).toBe(1);
    // policy-english has warnings and reviews only.
    expect(exec([fixtureApk('policy-english')]).status).toBe(0);
    expect(exec([fixtureApk('policy-english'), '--fail-on', 'warn']).status).toBe(1);
    expect(exec([fixtureApk('manifest-risky'), '--fail-on', 'never']).status).toBe(0);
  });

  it('exit 2 for usage errors, not commander\'s 1', () => {
    for (const args of [['--bogus-flag', fixtureApk('clean')], [fixtureApk('clean'), '--format', 'yaml'], [fixtureApk('clean'), '--fail-on', 'sometimes'], [fixtureApk('clean'), '--lang', 'fr'], []]) {
      const r = exec(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('--category: names, aliases and numbers; an unknown one is a usage error listing the 39 types', () => {
    const ok = exec(['--category', 'news', '--category', '网上购物,6', fixtureApk('category-map'), '--format', 'json', '--fail-on', 'never']);
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { options: { categories: string[] } }).options.categories).toEqual(['新闻资讯类', '网上购物类']);
    const bad = exec(['--category', 'news,gambling', fixtureApk('category-map')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown app category 'gambling'");
    expect(bad.stderr).toContain('地图导航 (map-navigation)');
    expect(bad.stderr).toContain('演出票务 (show-ticketing)');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help and --version exit 0', () => {
    expect(exec(['--help']).status).toBe(0);
    const v = exec(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exit 3 with a one-line error for input that cannot be analysed, and the other inputs are still reported', () => {
    const notZip = join(work, 'not-a-zip.apk');
    writeFileSync(notZip, 'this is not an APK, just text pretending to be one.');
    const r = exec([notZip, fixtureApk('clean')]);
    expect(r.status).toBe(3);
    // Errors go to stderr, one line each; the report of what could be analysed to stdout.
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^pledge-audit: E_ZIP_NO_EOCD not-a-zip\.apk: /)]);
    // An input that does not exist is the command line's mistake: exit 2, and it comes first.
    const missing = exec([notZip, fixtureApk('clean'), join(work, 'nope.apk')]);
    expect(missing.status).toBe(2);
    const lines = missing.stderr.trimEnd().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^pledge-audit: E_ZIP_NO_EOCD not-a-zip\.apk: /), expect.stringMatching(/^pledge-audit: E_INPUT_NOT_FOUND nope\.apk: /)]);
    expect(r.stdout).not.toContain('E_');
    expect(r.stdout).toContain('org.pledgeaudit.fixture.clean');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--output writes the report to a file and keeps stdout empty', () => {
    const out = join(work, 'report.json');
    const r = exec([fixtureApk('manifest-risky'), '--format', 'json', '--output', out]);
    expect(r.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { status: string }).status).toBe('ok');
  });

  it('--lang zh prints Chinese; English readers also see the pledge\'s Chinese titles', () => {
    const zh = exec([fixtureApk('manifest-risky'), '--lang', 'zh']);
    expect(zh.stdout).toContain('android:debuggable="true"：任何可使用 adb 的人');
    expect(zh.stdout).toContain('强化网络安全防护');
    expect(zh.stdout).not.toContain('Strong network-security protection');
    const en = exec([fixtureApk('manifest-risky'), '--lang', 'en']);
    expect(en.stdout).toContain('Strong network-security protection');
    expect(en.stdout).toContain('强化网络安全防护');
  });

  it('honours NO_COLOR and colours only when forced or on a terminal', () => {
    expect(exec([fixtureApk('manifest-risky')]).stdout).not.toContain('\u001b[');
    expect(exec([fixtureApk('manifest-risky')], { NO_COLOR: '', FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
  });

  it('audits a plain-text AndroidManifest.xml with the same findings as the APK built from it', () => {
    const fromText = JSON.parse(exec([join(FIXTURE_SRC, 'manifest-risky/AndroidManifest.xml'), '--format', 'json']).stdout) as Report;
    const fromApk = JSON.parse(exec([fixtureApk('manifest-risky'), '--format', 'json']).stdout) as Report;
    // A source manifest carries no resources, code or assets: the checks that need only the
    // manifest must agree, and the others must say what they could not analyse.
    const manifestOnly = new Set(CLAUSES.flatMap((c) => c.checks).filter((c) => c.meta.needs.every((a) => a === 'manifest')).map((c) => c.meta.id));
    const ids = (r: Report) => r.clauses.flatMap((c) => c.findings.filter((f) => manifestOnly.has(f.check)).map((f) => `${f.check}:${f.messageId}:${f.fingerprint}`)).sort();
    expect(fromText.target.kind).toBe('text-manifest');
    expect(ids(fromText).length).toBeGreaterThan(10);
    expect(ids(fromText)).toEqual(ids(fromApk));
    expect(fromText.clauses.find((c) => c.clause === 1)?.coverage.map((n) => n.code)).toContain('not-analysed:resources');
  });

  it('rejects plain-text XML with entity declarations (XML bombs) with a typed error', () => {
    const bomb = join(work, 'AndroidManifest.xml');
    writeFileSync(bomb, '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><manifest package="x">&b;</manifest>');
    const r = exec([bomb]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('E_XML_SYNTAX');
  });

  it('dump manifest prints the decoded XML', () => {
    const r = exec(['dump', 'manifest', fixtureApk('manifest-risky')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('<manifest xmlns:android="http://schemas.android.com/apk/res/android"');
    expect(r.stdout).toContain('<service android:name=".ScreenReader" android:permission="android.permission.BIND_ACCESSIBILITY_SERVICE">');
  });

  it('sdks prints the inventory, in text and JSON', () => {
    const text = exec(['sdks', fixtureApk('sdk-mix')]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('AMap Location SDK');
    const json = JSON.parse(exec(['sdks', fixtureApk('sdk-mix'), '--format', 'json']).stdout) as { sdks: { id: string; level: string }[] };
    expect(json.sdks.map((x) => `${x.id}:${x.level}`)).toEqual(['amap-location:pi', 'jiguang-jcore:present', 'umeng-analytics:present']);
  });

  it('dump classes and dump method-refs print sorted, deduplicated descriptor lists', () => {
    const classes = exec(['dump', 'classes', fixtureApk('sdk-mix')]).stdout.trim().split('\n');
    expect(classes).toContain('Lcom/umengx/Tracker;');
    expect([...classes].sort()).toEqual(classes);
    const refs = exec(['dump', 'method-refs', fixtureApk('sdk-mix')]).stdout.trim().split('\n');
    expect(refs).toContain('Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;');
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('dump signing prints one line per scheme and signer', () => {
    const lines = exec(['dump', 'signing', fixtureApk('clean')]).stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['v1', 'v2', 'v3']);
    for (const l of lines) expect(l).toMatch(/^v[123] [0-9a-f]{64}$/);
  });

  it('rules --format json lists every check with id, clause and title', () => {
    const r = exec(['rules', '--format', 'json']);
    const rules = JSON.parse(r.stdout) as { id: string; clause: number; title: string; docs: string }[];
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^c\d\d\//);
      expect(rule.clause).toBeGreaterThanOrEqual(1);
      expect(rule.clause).toBeLessThanOrEqual(10);
      expect(rule.title.length).toBeGreaterThan(0);
      expect(rule.docs).toBe(`docs/rules/${rule.id}.md`);
    }
    // Exactly the checks the clause modules run: nothing missing, nothing that is not implemented.
    const implemented = CLAUSES.flatMap((c) => c.checks.map((k) => k.meta.id)).sort();
    expect(rules.map((x) => x.id).sort()).toEqual(implemented);
    const text = exec(['rules']).stdout;
    for (const id of implemented) expect(text).toContain(id);
    expect(text).toContain('docs/rules/<id>.md');
  });
});

interface Report {
  target: { kind: string };
  clauses: { clause: number; coverage: { code: string }[]; findings: { check: string; messageId: string; fingerprint: string }[] }[];
}
