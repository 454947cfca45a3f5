import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import { runClauses } from '../../src/engine/run.js';
import { appCoverageLimits } from '../../src/facts/coverage-limits.js';
import { loadFacts } from '../../src/facts/load.js';
import { buildReport } from '../../src/report/build.js';
import { buildPiLists } from '../../src/report/lists-build.js';
import type { PiLists } from '../../src/report/lists-model.js';
import { LISTS_FORMATS, renderLists } from '../../src/report/lists-render.js';
import type { AuditReport } from '../../src/report/model.js';
import { CORPUS, REPO } from '../helpers/corpus.js';
import { exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { expectGolden, TEST_VERSION } from './helpers.js';

const TOOL = { name: 'pledge-audit' as const, version: TEST_VERSION };

/** The lists and the audit report of one app, from one load of its facts (as the CLI builds each). */
async function listsAndReport(path: string | string[]): Promise<{ lists: PiLists; report: AuditReport }> {
  const facts = await loadFacts(path);
  try {
    const limits = appCoverageLimits(facts);
    const clauses = runClauses(facts, CLAUSES, { strict: false, categories: [] }, limits);
    const report = buildReport(facts, clauses, limits, { lang: 'en', strict: false, categories: [] }, TOOL, CLAUSES);
    return { lists: buildPiLists(facts, TOOL), report };
  } finally {
    facts.close();
  }
}

/** Every collection row's evidence is a PI evidence row of the report, or evidence of a finding. */
function untraced(lists: PiLists, report: AuditReport): string[] {
  const seen = new Set<string>();
  const key = (method: string | undefined, api: string | undefined): string => `${method ?? ''}\u0000${api ?? ''}`;
  for (const pi of report.personalInformation) for (const e of pi.examples) if (e.location.kind === 'dex') seen.add(key(e.location.method, e.detail));
  for (const c of report.clauses) for (const f of c.findings) for (const e of f.evidence) if (e.location.kind === 'dex') seen.add(key(e.location.method, e.detail));
  const out: string[] = [];
  for (const row of lists.collection) {
    if (row.evidence.length === 0) out.push(`${row.kind}: no evidence`);
    for (const e of row.evidence) if (!seen.has(key(e.method, e.api))) out.push(`${row.kind} ${e.method} ${e.api}`);
    // The row's group is one of the report's PI groups, with the same count of call sites.
    const group = report.personalInformation.find((p) => p.kind === row.kind && JSON.stringify(p.owner) === JSON.stringify(row.collector));
    if (group?.sites !== row.sites) out.push(`${row.kind}: ${row.sites} sites, the report has ${group?.sites ?? 'no group'}`);
  }
  return out;
}

const EXT = { text: 'txt', json: 'json', markdown: 'md', csv: 'csv', html: 'html' } as const;

describe('the two lists (双清单) of the demo app', () => {
  it('draw one collection row per PI kind and collector, and one sharing row per SDK, from evidence', async () => {
    const { lists, report } = await listsAndReport(fixtureApk('demo-shop'));
    expect(untraced(lists, report)).toEqual([]);
    const imei = lists.collection.find((r) => r.kind === 'IMEI');
    expect(imei).toMatchObject({ collector: { kind: 'app' }, where: 'startup', consent: 'before', roots: [{ kind: 'application', component: 'com.example.shiguang.ShopApplication' }], permissions: [{ name: 'android.permission.READ_PHONE_STATE', declared: true }], purpose: null });
    // Gated on startup: after consent. Not on a startup path: when a feature is used.
    expect(lists.collection.find((r) => r.kind === 'LOCATION')?.consent).toBe('after-gate');
    expect(lists.collection.find((r) => r.kind === 'CLIPBOARD')).toMatchObject({ where: 'feature', consent: 'on-use' });
    const jpush = lists.sharing.find((r) => r.sdk === 'jpush');
    expect(jpush).toMatchObject({ start: 'before-consent', privacyPolicyUrl: 'https://www.jiguang.cn/license/privacy', piKinds: [{ kind: 'IMSI' }], purpose: null });
    expect(jpush?.startVia[0]).toMatchObject({ kind: 'provider', component: 'cn.jpush.android.service.InitProvider' });
    // A start API shared by a vendor's SDKs (UMConfigure.init) starts each of them.
    expect(lists.sharing.find((r) => r.sdk === 'umeng-analytics')?.start).toBe('before-consent');
    expect(lists.sharing.find((r) => r.sdk === 'amap-location')).toMatchObject({ start: 'after-gate', privacyPolicyUrl: 'https://lbs.amap.com/pages/privacy/' });
  });

  it('match their golden files in every format, in Chinese and English (UPDATE_GOLDEN=1 to accept a change)', async () => {
    const { lists } = await listsAndReport(fixtureApk('demo-shop'));
    for (const format of LISTS_FORMATS) {
      expectGolden(`lists/demo-shop.zh.${EXT[format]}`, renderLists(lists, format, { lang: 'zh', color: false }));
      if (format !== 'json') expectGolden(`lists/demo-shop.en.${EXT[format]}`, renderLists(lists, format, { lang: 'en', color: false }));
    }
  });

  it('name the module of a bundle the read came from', async () => {
    const { lists, report } = await listsAndReport(join(REPO, 'fixtures/bundles/shop-bundle.aab'));
    expect(untraced(lists, report)).toEqual([]);
    expect(lists.collection).toMatchObject([{ kind: 'IMEI', where: 'startup', consent: 'before', roots: [{ kind: 'provider', component: 'com.example.bundleshop.scan.ScanInitProvider' }], evidence: [{ entry: 'scan/dex/classes.dex' }] }]);
  });
});

describe('rendering', () => {
  const hostile: PiLists = {
    schemaVersion: 1,
    tool: TOOL,
    target: { file: 'x.apk', package: 'com.x', versionCode: '1', versionName: '1', label: '<script>alert(1)</script>' },
    collection: [
      {
        kind: 'IMEI',
        label: { en: 'device identifier', zh: '设备标识' },
        collector: { kind: 'app' },
        collectorName: { en: 'the app', zh: '应用自身代码' },
        where: 'startup',
        roots: [{ kind: 'application', component: '=cmd|"/c calc"!A1' }],
        consent: 'before',
        permissions: [{ name: 'android.permission.READ_PHONE_STATE', declared: false }],
        purpose: null,
        sites: 1,
        evidence: [{ api: 'Landroid/telephony/TelephonyManager;->getDeviceId', method: 'La/B;->c()V', entry: 'classes.dex', pc: 2 }],
      },
    ],
    sharing: [],
    limits: ['graph-bounded'],
  };

  it('writes CSV for Excel: a BOM, CRLF, quoted fields and no formula from app text', () => {
    const csv = renderLists(hostile, 'csv', { lang: 'zh', color: false });
    expect(csv.startsWith('\ufeff清单,个人信息类型,')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv).not.toMatch(/(^|,)=cmd/m);
    expect(csv).toContain('READ_PHONE_STATE（清单文件未申请）');
  });

  it('escapes app text in HTML and Markdown, marks the purpose as an empty cell, and states the limits', () => {
    const html = renderLists(hostile, 'html', { lang: 'en', color: false });
    expect(html).not.toContain('<script>');
    expect(html).toContain('<td class="empty">(to fill in: static analysis cannot know)</td>');
    expect(html).toContain('reached its bound');
    const md = renderLists(hostile, 'markdown', { lang: 'zh', color: false });
    expect(md).not.toContain('<script>');
    expect(md).toContain('（待填写：静态分析无法得知）');
    expect(md).toContain('第三方共享清单');
    expect(md).toContain('未发现第三方 SDK');
  });
});

const CORPUS_APK = join(CORPUS, 'apk');
const GOLDEN_CORPUS = ['bugly-android-demo__app-release.apk', 'togetherad__app-release.apk', 'umeng-channel-tool__CrossWeather_que.apk', 'baidumaptest__BaiduMapTest.apk'];

describe.skipIf(!existsSync(CORPUS_APK))('the lists of corpus apps', () => {
  it.each(GOLDEN_CORPUS)('%s with Chinese SDKs matches its golden files', async (file) => {
    const { lists } = await listsAndReport(join(CORPUS_APK, file));
    expect(lists.sharing.length).toBeGreaterThan(0);
    const name = file.replace(/\.apk$/, '');
    expectGolden(`lists/corpus/${name}.zh.md`, renderLists(lists, 'markdown', { lang: 'zh', color: false }));
    expectGolden(`lists/corpus/${name}.json`, renderLists(lists, 'json', { lang: 'zh', color: false }));
  });

  it('every corpus app: both lists in every format, and every PI row traces to the audit report', async () => {
    let apps = 0;
    const problems: string[] = [];
    for (const file of readdirSync(CORPUS_APK).sort()) {
      let result;
      try {
        result = await listsAndReport(join(CORPUS_APK, file));
      } catch (e) {
        // Not an app at all (no manifest): the audit says the same, with the same code.
        expect((e as { code?: string }).code, file).toBe('E_APK_NO_MANIFEST');
        continue;
      }
      apps++;
      for (const p of untraced(result.lists, result.report)) problems.push(`${file}: ${p}`);
      for (const format of LISTS_FORMATS) for (const lang of ['zh', 'en'] as const) expect(renderLists(result.lists, format, { lang, color: false }).length).toBeGreaterThan(0);
    }
    expect(problems).toEqual([]);
    expect(apps).toBeGreaterThan(100);
  }, 240_000);
});

describe('pledge-audit lists', () => {
  it('prints the lists in Chinese by default, and in English on request', () => {
    const zh = exec(['lists', fixtureApk('demo-shop')]);
    expect(zh.status, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('个人信息收集清单');
    const en = exec(['lists', fixtureApk('demo-shop'), '--lang', 'en', '-f', 'csv']);
    expect(en.status).toBe(0);
    expect(en.stdout.startsWith('\ufeffList,Personal information,')).toBe(true);
  });

  it('refuses two different apps, and says why an input is not an app', () => {
    const two = exec(['lists', fixtureApk('demo-shop'), fixtureApk('clean'), '--lang', 'en']);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/^pledge-audit: E_USAGE/m);
    const missing = exec(['lists', join(REPO, 'no-such.apk'), '--lang', 'en']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^pledge-audit: E_INPUT_NOT_FOUND/m);
  });
});
