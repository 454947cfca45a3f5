import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { audit } from '../../src/index.js';
import { openSourceRoot } from '../../src/input/source-root.js';
import type { AuditReport, ReportEvidence } from '../../src/report/model.js';
import { renderSarif } from '../../src/report/sarif.js';
import { isPledgeError } from '../../src/util/errors.js';
import { REPO } from '../helpers/corpus.js';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { githubProblems, sarifValidator, type SarifLog } from './sarif-schema.js';

const DEMO_SRC = join(REPO, 'fixtures/src/demo-shop');
const validateSarif = sarifValidator();
const validateReport = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(REPO, 'schema/report.schema.json'), 'utf8')) as object);

interface Region {
  startLine: number;
  startColumn?: number;
}
interface Physical {
  artifactLocation: { uri: string; uriBaseId?: string; index?: number };
  region?: Region;
}
interface Loc {
  physicalLocation: Physical;
  logicalLocations?: { fullyQualifiedName: string }[];
}
interface Run {
  originalUriBaseIds?: Record<string, { uri: string }>;
  results: { ruleId: string; locations: Loc[]; codeFlows?: { threadFlows: { locations: { location: Loc }[] }[] }[] }[];
}

async function report(input: string, sourceRoot?: string): Promise<AuditReport> {
  const r = await audit(input, { lang: 'en', clauses: CLAUSES, ...(sourceRoot === undefined ? {} : { sourceRoot }) });
  if (r.status !== 'ok') throw new Error(`${r.error.code} ${r.error.message}`);
  expect(validateReport(JSON.parse(JSON.stringify(r))), JSON.stringify(validateReport.errors)).toBe(true);
  return r;
}

function sarifRun(r: AuditReport): Run {
  const log = JSON.parse(renderSarif([r], { lang: 'en', clauses: CLAUSES, cwd: REPO })) as SarifLog;
  expect(validateSarif(log), 'schema errors').toEqual([]);
  expect(githubProblems(log)).toEqual([]);
  return log.runs[0] as unknown as Run;
}

const evidence = (r: AuditReport): { check: string; e: ReportEvidence }[] => r.clauses.flatMap((c) => c.findings.flatMap((f) => f.evidence.map((e) => ({ check: f.check, e }))));

/** A start tag of a file under `root`: from its line and column to its `>`. */
function tagAt(root: string, file: string, line: number, column: number): string {
  const rest = readFileSync(join(root, file), 'utf8').split(/\r?\n/).slice(line - 1);
  const text = [(rest[0] ?? '').slice(column - 1), ...rest.slice(1)].join('\n');
  return text.slice(0, text.indexOf('>') + 1);
}

/** The text of a line of a file under `root`. */
function lineOf(root: string, file: string, line: number): string {
  return readFileSync(join(root, file), 'utf8').split(/\r?\n/)[line - 1] ?? '';
}

describe('--source-root on the demo app built from fixtures/src/demo-shop', () => {
  it('puts manifest findings on the element’s line and code findings on the Java line the DEX debug info names', async () => {
    const r = await report(fixtureApk('demo-shop'), DEMO_SRC);
    expect(r.sourceRoot).toBe(DEMO_SRC);
    const all = evidence(r);
    const sourced = all.filter((x) => x.e.source !== undefined);
    // Every source place is a real line of a real file, and says what the evidence says.
    for (const { e } of sourced) {
      const s = e.source;
      if (s === undefined || s.line === undefined) continue;
      const l = e.location;
      if (l.kind === 'manifest') {
        const text = tagAt(DEMO_SRC, s.file, s.line, s.column ?? 1);
        expect(text, l.path).toMatch(/^<[\w-]+|^android:\w+=/);
        const key = /\[@android:name='([^']+)'\]$/.exec(l.path)?.[1];
        const attr = /\/@android:(\w+)$/.exec(l.path)?.[1];
        if (key !== undefined) expect(text, l.path).toContain(key.startsWith('com.example.shiguang.') ? key.slice('com.example.shiguang'.length) : key);
        if (attr !== undefined) expect(text, l.path).toContain(attr);
      }
    }
    const at = (method: string, pc: number): ReportEvidence['source'] => all.find((x) => x.e.location.kind === 'dex' && x.e.location.method === method && x.e.location.pc === pc)?.e.source;
    const imei = at('Lcom/example/shiguang/ShopApplication;->onCreate()V', 11);
    expect(imei).toEqual({ base: 'root', file: 'src/main/java/com/example/shiguang/ShopApplication.java', line: 21 });
    expect(lineOf(DEMO_SRC, imei?.file ?? '', 21)).toContain('tm.getDeviceId()');
    const apps = at('Lcom/example/shiguang/analytics/DeviceProfile;->installedApps(Landroid/content/Context;)Ljava/util/List;', 5);
    expect(lineOf(DEMO_SRC, apps?.file ?? '', apps?.line ?? 0)).toContain('getInstalledPackages');
    const md5 = at('Lcom/example/shiguang/LoginActivity;->hashPassword(Ljava/lang/String;)[B', 2);
    expect(lineOf(DEMO_SRC, md5?.file ?? '', md5?.line ?? 0)).toContain('MessageDigest.getInstance("MD5")');
    const bridge = at('Lcom/example/shiguang/WebActivity;->onCreate(Landroid/os/Bundle;)V', 23);
    expect(lineOf(DEMO_SRC, bridge?.file ?? '', bridge?.line ?? 0)).toContain('addJavascriptInterface');
    // An inner class is in its outer class's file; a method without a pc is on its first line.
    const ssl = all.find((x) => x.check === 'c10/webview-ssl-error-proceed')?.e.source;
    expect(ssl).toEqual({ base: 'root', file: 'src/main/java/com/example/shiguang/WebActivity.java', line: 27 });
    // The manifest: permissions and the attribute on <application>.
    const backup = all.find((x) => x.check === 'c10/allow-backup')?.e.source;
    expect(backup).toMatchObject({ base: 'root', file: 'AndroidManifest.xml', line: 21 });
    expect(all.filter((x) => x.check === 'c02/unused-dangerous-permission').map((x) => x.e.source?.line)).toEqual([14, 15]);
    // SDK code has no source in the app's tree: it stays in the APK.
    expect(all.filter((x) => x.e.location.kind === 'dex' && x.e.location.method.startsWith('Lcom/umeng/')).every((x) => x.e.source === undefined)).toBe(true);
    expect(sourced.length).toBeGreaterThan(30);
  });

  it('writes SARIF regions relative to SRCROOT, defined in originalUriBaseIds, and keeps the APK for the rest', async () => {
    const run = sarifRun(await report(fixtureApk('demo-shop'), DEMO_SRC));
    expect(run.originalUriBaseIds).toEqual({ SRCROOT: { uri: `${pathToFileURL(DEMO_SRC).href}/` } });
    const imei = run.results.find((x) => x.ruleId === 'c02/immutable-identifiers' && x.locations.some((l) => l.logicalLocations?.[0]?.fullyQualifiedName.includes('ShopApplication')));
    const loc = imei?.locations.find((l) => l.physicalLocation.artifactLocation.uriBaseId === 'SRCROOT');
    expect(loc?.physicalLocation).toEqual({ artifactLocation: { uri: 'src/main/java/com/example/shiguang/ShopApplication.java', uriBaseId: 'SRCROOT' }, region: { startLine: 21 } });
    const perm = run.results.find((x) => x.ruleId === 'c02/query-all-packages');
    expect(perm?.locations[0]?.physicalLocation).toEqual({ artifactLocation: { uri: 'AndroidManifest.xml', uriBaseId: 'SRCROOT' }, region: { startLine: 16, startColumn: 5 } });
    const sdk = run.results.find((x) => x.ruleId === 'c09/sdk-collects-pi');
    expect(sdk?.locations.every((l) => l.physicalLocation.artifactLocation.uri === 'fixtures/apk/demo-shop.apk' && l.physicalLocation.region === undefined)).toBe(true);
    // A startup path's last step is the evidence: it carries the source region too.
    const flow = run.results.find((x) => x.codeFlows !== undefined && x.locations[0]?.physicalLocation.region !== undefined)?.codeFlows?.[0]?.threadFlows[0]?.locations;
    expect(flow?.at(-1)?.location.physicalLocation.region).toBeDefined();
    expect(flow?.[0]?.location.physicalLocation.region).toBeUndefined();
  });

  it('without --source-root, nothing changes: APK locations, no originalUriBaseIds', async () => {
    const r = await report(fixtureApk('demo-shop'));
    expect(r.sourceRoot).toBeUndefined();
    expect(evidence(r).some((x) => x.e.source !== undefined)).toBe(false);
    expect(sarifRun(r).originalUriBaseIds).toBeUndefined();
  });
});

describe('odd source roots', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pledge-srcroot-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('a root that does not exist, or is a file, is E_USAGE before anything is audited (exit 2, one line)', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    for (const [root, why] of [[join(tmp, 'missing'), 'no such folder'], [file, 'not a folder']] as const) {
      let caught: unknown;
      try {
        await audit(fixtureApk('demo-shop'), { sourceRoot: root });
      } catch (e) {
        caught = e;
      }
      expect(isPledgeError(caught) && caught.code).toBe('E_USAGE');
      expect(String((caught as Error).message)).toContain(why);
    }
    const r = exec([fixtureApk('demo-shop'), '--source-root', join(tmp, 'missing'), '-f', 'sarif']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^pledge-audit: E_USAGE [^\n]*--source-root [^\n]*no such folder\n$/);
  });

  it('a root with none of the app’s files leaves every finding at the APK', async () => {
    const empty = join(tmp, 'empty');
    mkdirSync(join(empty, 'src/main/java/com/example'), { recursive: true });
    writeFileSync(join(empty, 'src/main/AndroidManifest.xml'), '<manifest package="com.someone.else"><uses-permission xmlns:android="http://schemas.android.com/apk/res/android" android:name="android.permission.CAMERA"/></manifest>');
    const r = await report(fixtureApk('demo-shop'), empty);
    expect(evidence(r).filter((x) => x.e.source !== undefined)).toEqual([]);
    const run = sarifRun(r);
    expect(run.results.every((x) => x.locations.every((l) => l.physicalLocation.artifactLocation.uriBaseId === undefined))).toBe(true);
  });

  it('a Gradle checkout: the module whose namespace is the package, Kotlin files by declaration, build outputs ignored', async () => {
    const root = join(tmp, 'checkout');
    const demoManifest = readFileSync(join(DEMO_SRC, 'AndroidManifest.xml'), 'utf8').replace(/\s+package="com\.example\.shiguang"/, '');
    const put = (rel: string, text: string): void => {
      mkdirSync(join(root, rel, '..'), { recursive: true });
      writeFileSync(join(root, rel), text);
    };
    put('app/build.gradle.kts', 'android {\n    namespace = "com.example.shiguang"\n}\n');
    put('app/src/main/AndroidManifest.xml', demoManifest);
    // Decoys: another app's module, and a merged manifest under build/.
    put('other/build.gradle', "android { namespace 'com.example.other' }\n");
    put('other/src/main/AndroidManifest.xml', demoManifest);
    put('app/build/intermediates/merged_manifests/AndroidManifest.xml', readFileSync(join(DEMO_SRC, 'AndroidManifest.xml'), 'utf8'));
    // Kotlin: ShopApplication declared in a file of another name; 30 lines, so debug line 21 is in it.
    const kt = ['package com.example.shiguang', '', ...Array.from({ length: 10 }, () => ''), 'class ShopApplication : Application() {', ...Array.from({ length: 16 }, (_, i) => `    // ${i}`), '}'];
    put('app/src/main/kotlin/com/example/shiguang/Startup.kt', kt.join('\n'));
    put('app/src/main/java/com/example/shiguang/WebActivity.java', readFileSync(join(DEMO_SRC, 'src/main/java/com/example/shiguang/WebActivity.java'), 'utf8'));
    const tree = openSourceRoot(root);
    expect(tree.manifests).toEqual(['app/src/main/AndroidManifest.xml', 'other/src/main/AndroidManifest.xml']);
    expect(tree.codeDirs).toEqual(['', 'app/src/main/java', 'app/src/main/kotlin']);
    const r = await report(fixtureApk('demo-shop'), root);
    const all = evidence(r);
    expect(all.find((x) => x.check === 'c10/allow-backup')?.e.source).toMatchObject({ file: 'app/src/main/AndroidManifest.xml', line: 20 });
    const app = all.find((x) => x.e.location.kind === 'dex' && x.e.location.method === 'Lcom/example/shiguang/ShopApplication;->onCreate()V' && x.e.location.pc === 11);
    expect(app?.e.source).toEqual({ base: 'root', file: 'app/src/main/kotlin/com/example/shiguang/Startup.kt', line: 21 });
    expect(all.find((x) => x.check === 'c10/webview-ssl-error-proceed')?.e.source).toEqual({ base: 'root', file: 'app/src/main/java/com/example/shiguang/WebActivity.java', line: 27 });
    // A class whose file is not in the tree keeps its APK location.
    expect(all.find((x) => x.e.location.kind === 'dex' && x.e.location.method.startsWith('Lcom/example/shiguang/LoginActivity;'))?.e.source).toBeUndefined();
  });
});

describe('a plain-text manifest as input', () => {
  it('gives every piece of evidence of every finding a line and column of the input, in the report and in SARIF', async () => {
    const input = join(DEMO_SRC, 'AndroidManifest.xml');
    const r = await report(input);
    const all = evidence(r);
    expect(all.length).toBeGreaterThan(5);
    for (const { e } of all) {
      expect(e.source?.base).toBe('input');
      expect(e.source?.line).toBeGreaterThan(0);
      expect(e.source?.column).toBeGreaterThan(0);
    }
    expect(all.find((x) => x.check === 'c02/query-all-packages')?.e.source).toEqual({ base: 'input', file: input, line: 16, column: 5 });
    const run = sarifRun(r);
    for (const res of run.results) {
      for (const l of res.locations) {
        expect(l.physicalLocation.artifactLocation.uri).toBe('fixtures/src/demo-shop/AndroidManifest.xml');
        expect(l.physicalLocation.region?.startLine).toBeGreaterThan(0);
        expect(l.physicalLocation.region?.startColumn).toBeGreaterThan(0);
      }
    }
  });
});
