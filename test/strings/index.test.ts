import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { loadFacts } from '../../src/facts/load.js';
import { buildStringIndex, MAX_CHECKED_TOGGLES, MAX_HITS_PER_GROUP, type StringIndex, type TextHit } from '../../src/facts/strings/index.js';
import { DEFAULT_LIMITS } from '../../src/util/limits.js';
import { encodeAxml } from '../helpers/axml-writer.js';
import { REPO } from '../helpers/corpus.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { fixtureLibApp } from '../native/fake-elf.js';
import { ApkVariants } from './apk-variants.js';

const SRC = join(REPO, 'fixtures/src/strings-basic');

/** 1-based line of the first line of a fixture source file containing `needle`. */
function lineOf(rel: string, needle: string): number {
  const i = readFileSync(join(SRC, rel), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${rel}`);
  return i + 1;
}

function key(h: TextHit): string {
  const l = h.location;
  const where = l.kind === 'resource' ? `${l.name}@${l.config}` : l.kind === 'file' ? `${l.entry}${l.line !== undefined ? `:${l.line}` : ''}${l.offset !== undefined ? `@${l.offset}` : ''}` : l.kind === 'dex' ? `${l.entry} ${l.method}` : l.kind;
  return `${h.term}|${h.origin}|${where}${h.path !== undefined ? `|${h.path}` : ''}${h.locale !== undefined ? `|${h.locale}` : ''}`;
}

let facts: AppFacts;
let idx: StringIndex;

beforeAll(async () => {
  facts = await loadFacts(fixtureApk('strings-basic'));
  idx = buildStringIndex(facts);
});

describe('string index over the strings-basic fixture: lexicon hits', () => {
  it('resources in every configuration, with locale and qualifiers', () => {
    const policy = idx.hits('POLICY').map(key);
    expect(policy).toContain('用户协议|resource|string/privacy_message@default|');
    expect(policy).toContain('隐私政策|resource|string/privacy_message@default|');
    expect(policy).toContain('用戶協議|resource|string/privacy_message@zh-rTW|zh-TW');
    expect(policy).toContain('隱私政策|resource|string/privacy_message@zh-rTW|zh-TW');
    expect(policy).toContain('privacy policy|resource|string/privacy_message@en|en');
    expect(policy).toContain('terms of service|resource|string/privacy_message@en|en');
    // Full-width Latin letters and an ideographic space.
    expect(policy).toContain('privacy policy|resource|string/fullwidth_policy@default|');
    const del = idx.hits('DELETE').map(key);
    expect(del).toContain('注销账号|resource|string/delete_account@default|');
    expect(del).toContain('註銷賬號|resource|string/delete_account@zh-rTW|zh-TW');
    expect(del).toContain('delete account|resource|string/delete_account@en|en');
    // A full-width １５.
    expect(idx.hits('TIMING').map(key)).toContain('15个工作日|resource|string/timing@default|');
    // String-array items are named with their index.
    expect(idx.hits('RIGHTS_WITHDRAW').map(key)).toContain('权限管理|resource|array/settings_items[0]@default|');
    expect(idx.hits('COMPLAINT').map(key)).toContain('意见反馈|resource|array/settings_items[1]@default|');
  });

  it('one hit carries group, term, language, origin, location, snippet and locale', () => {
    const h = idx.hits('TIMING').find((x) => x.origin === 'resource');
    expect(h).toEqual({
      group: 'TIMING',
      term: '15个工作日',
      lang: 'zh',
      origin: 'resource',
      location: { kind: 'resource', entry: 'resources.arsc', name: 'string/timing', config: 'default' },
      snippet: '我们将在１５个工作日内处理您的申请。',
      locale: '',
    });
  });

  it('layouts (origin layout) and menus/preferences (origin xml), with line and element path, references resolved', () => {
    const consent = 'res/layout/activity_consent.xml';
    expect(idx.hits('CONSENT_READ').map(key)).toContain(`已阅读并同意|layout|${consent}:${lineOf(consent, '<CheckBox')}|/LinearLayout/CheckBox`);
    expect(idx.hits('CONSENT_REFUSE').map(key)).toContain(`不同意|layout|${consent}:${lineOf(consent, '<Button') + 4}|/LinearLayout/Button[2]`);
    const login = 'res/layout/activity_login.xml';
    // An inline literal with a space inside the Chinese term.
    expect(idx.hits('CONSENT_AGREE').map(key)).toContain(`同意并继续|layout|${login}:${lineOf(login, '<RadioButton')}|/LinearLayout/RadioButton`);
    expect(idx.hits('LOGIN').map(key)).toContain(`验证码|layout|${login}:${lineOf(login, '<EditText')}|/LinearLayout/EditText`);
    expect(idx.hits('DELETE').map(key)).toContain(`注销账号|xml|res/menu/main.xml:${lineOf('res/menu/main.xml', '@+id/delete')}|/menu/item[1]`);
    expect(idx.hits('RIGHTS_WITHDRAW').map(key)).toContain(`隐私设置|xml|res/menu/main.xml:${lineOf('res/menu/main.xml', '隐私设置')}|/menu/item[2]`);
    expect(idx.hits('PERSONALISE').map(key)).toContain(`个性化广告|xml|res/xml/prefs.xml:${lineOf('res/xml/prefs.xml', '<SwitchPreference')}|/PreferenceScreen/SwitchPreference`);
  });

  it('DEX const-strings, at the first method using them; code identifiers are not UI text', () => {
    expect(idx.hits('CONSENT_READ').map(key)).toContain('阅读并同意|dex|classes.dex Lorg/pledgeaudit/fixture/strings/MainActivity;->report()V');
    expect(idx.hits('POLICY').map(key)).toContain('隐私政策|dex|classes.dex Lorg/pledgeaudit/fixture/strings/MainActivity;->report()V');
    expect(idx.hits('COMPLAINT').map(key)).toContain('contact us|dex|classes.dex Lorg/pledgeaudit/fixture/strings/MainActivity;->onCreate(Landroid/os/Bundle;)V');
    // `login` and `Accept-Encoding` are identifiers.
    expect(idx.hits('LOGIN').filter((h) => h.origin === 'dex')).toEqual([]);
    expect(idx.hits('CONSENT_AGREE').filter((h) => h.origin === 'dex' && h.lang === 'en')).toEqual([]);
  });

  it('text assets: HTML without its scripts, styles and comments; JS bundles; UTF-16; XML', () => {
    const html = 'assets/privacy.html';
    expect(idx.hits('TIMING').map(key)).toContain(`15个工作日|asset|${html}:${lineOf('assets/privacy.html', '15个工作日')}`);
    expect(idx.hits('COMPLAINT').map(key)).toContain(`个人信息保护负责人|asset|${html}:${lineOf('assets/privacy.html', '个人信息保护负责人')}`);
    // 暂不同意 sits in a <script>, 基本功能模式 in a comment, 不同意 in a <style>.
    expect(idx.hits('CONSENT_REFUSE').filter((h) => h.location.kind === 'file' && h.location.entry === html)).toEqual([]);
    expect(idx.hits('DELETE').map(key)).toContain('账号注销|asset|assets/www/app.js:2');
    expect(idx.hits('CONSENT_REFUSE').map(key)).toContain('拒绝|asset|assets/index.android.bundle:1');
    expect(idx.hits('PERSONALISE').map(key)).toContain('个性化广告|asset|assets/notice_utf16.txt:1');
    expect(idx.hits('POLICY').map(key)).toContain('服务协议|asset|assets/config.xml:2');
    // `accept` and `login` in the bundle are code.
    expect(idx.hits('LOGIN').filter((h) => h.origin === 'asset' && h.lang === 'en')).toEqual([]);
    expect(idx.hits('CONSENT_AGREE').filter((h) => h.origin === 'asset' && h.lang === 'en')).toEqual([]);
  });

  it('native libraries: UTF-8 literals of libapp.so and a UTF-16 literal of its Dart snapshot data; one ABI per library', () => {
    const { offsets } = fixtureLibApp();
    const lib = 'lib/arm64-v8a/libapp.so';
    expect(idx.hits('DELETE').map(key)).toContain(`注销账号|native|${lib}@${offsets[0]}`);
    expect(idx.hits('RIGHTS_LISTS').map(key)).toEqual([`个人信息收集清单|native|${lib}@${offsets[3]}`]);
    expect(idx.hits('POLICY').map(key)).toContain(`隐私政策|native|${lib}@${offsets[4]}`);
    expect(idx.hits('POLICY').map(key)).toContain(`用户协议|native|${lib}@${offsets[4]}`);
    // libc-style `accept` is not consent; the armeabi-v7a copy is never read.
    expect(idx.hits('CONSENT_AGREE').filter((h) => h.origin === 'native')).toEqual([]);
    const all = (['POLICY', 'CONSENT_AGREE', 'CONSENT_REFUSE', 'DELETE'] as const).flatMap((g) => idx.hits(g));
    expect(all.some((h) => h.location.kind === 'file' && h.location.entry.startsWith('lib/armeabi-v7a/'))).toBe(false);
  });

  it('groups with no text are empty and has() says so', () => {
    expect(idx.has('POLICY')).toBe(true);
    expect(idx.has('SEPARATE')).toBe(false);
    expect(idx.hits('SEPARATE')).toEqual([]);
    expect(idx.has('CONSENT_WEAK')).toBe(false);
  });

  it('hits come in pass order: resources, layouts, xml, dex, assets, native', () => {
    const order = ['resource', 'layout', 'xml', 'dex', 'asset', 'native'];
    const origins = idx.hits('POLICY').map((h) => order.indexOf(h.origin));
    expect(origins).toEqual([...origins].sort((a, b) => a - b));
  });
});

describe('string index: extracted values', () => {
  const values = (kind: 'urls' | 'emails' | 'phones'): string[] => idx[kind]().map((v) => `${v.value}|${v.origin}|${v.location.kind === 'app' ? '' : v.location.entry}`);

  it('URLs from resources, DEX, assets and native code', () => {
    expect(values('urls')).toEqual([
      'https://www.strings.example.cn/privacy.html|resource|resources.arsc',
      'http://api.strings.example.cn/v1/user/login?imei=|dex|classes.dex',
      'https://api.strings.example.cn/v2/|asset|assets/config.xml',
      'https://m.strings.example.cn/account/cancel|asset|assets/www/app.js',
      'https://rn.strings.example.cn/feedback|asset|assets/index.android.bundle',
      'https://flutter.strings.example.cn/privacy|native|lib/arm64-v8a/libapp.so',
    ]);
  });

  it('e-mail addresses, not image names', () => {
    expect(values('emails')).toEqual([
      'privacy@strings.example.cn|resource|resources.arsc',
      'support@strings.example.cn|dex|classes.dex',
      'dpo@strings.example.cn|asset|assets/privacy.html',
      'legal@strings.example.cn|asset|res/raw/terms.txt',
    ]);
    expect(idx.emails().some((v) => v.value.includes('2x'))).toBe(false);
  });

  it('phone numbers, not order numbers or timestamps; one per value and file', () => {
    expect(values('phones')).toEqual(['400-820-8820|resource|resources.arsc', '13812345678|dex|classes.dex', '400-820-8820|asset|assets/privacy.html']);
    const html = idx.phones()[2];
    expect(html?.location).toEqual({ kind: 'file', entry: 'assets/privacy.html', line: lineOf('assets/privacy.html', '400-820-8820') });
    expect(html?.snippet).toContain('客服电话：400-820-8820');
  });
});

describe('string index: checked toggles and bundled documents', () => {
  it('pre-checked CheckBox with its own text, and an AppCompatCheckBox checked through @bool labelled by its sibling', () => {
    expect(idx.checkedToggles()).toEqual([
      {
        location: { kind: 'file', entry: 'res/layout/activity_consent.xml', line: lineOf('res/layout/activity_consent.xml', '<CheckBox') },
        path: '/LinearLayout/CheckBox',
        widget: 'CheckBox',
        text: '我已阅读并同意《隐私政策》',
        siblingText: ['欢迎使用字符串样例！请您仔细阅读《用户协议》和《隐私政策》。', '同意并继续', '不同意'],
      },
      {
        location: { kind: 'file', entry: 'res/layout/activity_login.xml', line: lineOf('res/layout/activity_login.xml', 'AppCompatCheckBox') },
        path: '/LinearLayout/LinearLayout/androidx.appcompat.widget.AppCompatCheckBox',
        widget: 'androidx.appcompat.widget.AppCompatCheckBox',
        text: '',
        siblingText: ['勾选即表示您同意《用户协议》'],
      },
    ]);
  });

  it('bundled privacy policy (HTML asset) and agreement (raw resource), markup removed', () => {
    const docs = idx.bundledDocuments();
    expect(docs.map((d) => [d.entry, d.location])).toEqual([
      ['assets/privacy.html', { kind: 'file', entry: 'assets/privacy.html', line: lineOf('assets/privacy.html', '<title>') }],
      ['res/raw/terms.txt', { kind: 'file', entry: 'res/raw/terms.txt', line: lineOf('res/raw/terms.txt', '用户协议') }],
    ]);
    const html = docs[0]?.text ?? '';
    expect(html.startsWith('字符串样例隐私政策\n字符串样例隐私政策\n更新日期')).toBe(true);
    expect(html).toContain('“我们”');
    expect(html).not.toContain('<');
    expect(html).not.toContain('暂不同意');
    expect(html).not.toContain('font-family');
    expect(html.length).toBeGreaterThanOrEqual(300);
  });
});

describe('string index: stats, states, determinism', () => {
  it('counts what it indexed and says nothing was cut', () => {
    expect(idx.stats.items).toEqual({ resource: 27, layout: 8, xml: 4, dex: 6, asset: 6, native: idx.stats.items.native });
    expect(idx.stats.items.native).toBeGreaterThanOrEqual(4);
    expect(idx.stats.truncated).toBe(false);
    expect(idx.stats.capped).toEqual([]);
  });

  it('records the assets and native artifact states', () => {
    expect(facts.state('assets')).toBe('analysed');
    expect(facts.state('native')).toBe('analysed');
  });

  it('a garbage .so is a diagnostic, never a crash', () => {
    expect(facts.diagnostics.items.filter((d) => d.entry === 'lib/arm64-v8a/libgarbage.so').map((d) => d.code)).toContain('W_ARTIFACT_FAILED');
  });

  it('two builds give the same index, and it is the one the facts carry', () => {
    const again = buildStringIndex(facts);
    const dump = (i: StringIndex | undefined) => (i === undefined ? '' : JSON.stringify([i.hits('POLICY'), i.hits('DELETE'), i.urls(), i.emails(), i.phones(), i.checkedToggles(), i.bundledDocuments(), i.stats]));
    expect(dump(again)).toBe(dump(idx));
    expect(dump(facts.strings)).toBe(dump(idx));
  });

  it('without the code loaded there are no DEX strings', async () => {
    const f = await loadFacts(fixtureApk('strings-basic'), { needs: new Set() });
    try {
      const i = buildStringIndex(f);
      expect(i.stats.items.dex).toBe(0);
      expect(i.hits('CONSENT_READ').some((h) => h.origin === 'dex')).toBe(false);
    } finally {
      f.close();
    }
  });
});

describe('string index: limits and damaged inputs', () => {
  const variants = new ApkVariants();
  afterAll(() => variants.dispose());

  it('an asset above maxAssetBytes is cut there and reported', async () => {
    const f = await loadFacts(fixtureApk('strings-basic'), { needs: new Set() });
    try {
      const i = buildStringIndex(f, { limits: { ...DEFAULT_LIMITS, maxAssetBytes: 700 } });
      expect(i.stats.truncated).toBe(true);
      const cut = f.diagnostics.items.filter((d) => d.code === 'W_LIMIT_ASSETS');
      expect(cut.map((d) => d.entry)).toEqual(['assets/privacy.html', 'res/raw/terms.txt']);
      expect(cut[0]?.message).toMatch(/first 700 of \d+ bytes/);
      // Text before the cut is indexed, text after it is not.
      expect(i.hits('POLICY').some((h) => h.location.kind === 'file' && h.location.entry === 'assets/privacy.html')).toBe(true);
      expect(i.hits('TIMING').some((h) => h.origin === 'asset')).toBe(false);
    } finally {
      f.close();
    }
  });

  it('the total asset budget stops the pass and says how many files were left', async () => {
    const f = await loadFacts(fixtureApk('strings-basic'), { needs: new Set() });
    try {
      const i = buildStringIndex(f, { limits: { ...DEFAULT_LIMITS, maxTotalAssetBytes: 2000 } });
      expect(i.stats.truncated).toBe(true);
      expect(f.diagnostics.items.some((d) => d.code === 'W_LIMIT_ASSETS' && /text assets: 2000 bytes read .* files not scanned/.test(d.message))).toBe(true);
    } finally {
      f.close();
    }
  });

  it('a 10 MB asset is read up to maxAssetBytes (4 MiB), deflated or stored', async () => {
    const line = 'lorem ipsum dolor sit amet, consectetur adipiscing elit\n';
    const filler = line.repeat(Math.ceil((5 * 1024 * 1024) / line.length));
    const big = Buffer.from(`隐私政策\n${filler}注销账号\n${filler}`);
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    for (const method of [8, 0]) {
      const f = await loadFacts(variants.make('strings-basic', { 'assets/big.txt': { name: 'assets/big.txt', data: big, method } }), { needs: new Set() });
      try {
        const i = buildStringIndex(f);
        expect(i.stats.truncated).toBe(true);
        const d = f.diagnostics.items.find((x) => x.code === 'W_LIMIT_ASSETS' && x.entry === 'assets/big.txt');
        expect(d?.message).toMatch(/scanned the first \d+ of \d+ bytes/);
        const read = Number(/first (\d+)/.exec(d?.message ?? '')?.[1]);
        expect(read).toBeLessThanOrEqual(DEFAULT_LIMITS.maxAssetBytes);
        expect(read).toBeGreaterThan(DEFAULT_LIMITS.maxAssetBytes * 0.9);
        expect(i.hits('POLICY').some((h) => h.location.kind === 'file' && h.location.entry === 'assets/big.txt' && h.location.line === 1)).toBe(true);
        expect(i.hits('DELETE').some((h) => h.location.kind === 'file' && h.location.entry === 'assets/big.txt')).toBe(false);
      } finally {
        f.close();
      }
    }
  });

  it('a malformed layout is a diagnostic; the other layouts still count', async () => {
    const f = await loadFacts(variants.make('strings-basic', { 'res/layout/activity_consent.xml': Buffer.from([3, 0, 8, 0, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3]) }), { needs: new Set() });
    try {
      const i = buildStringIndex(f);
      expect(f.diagnostics.items.filter((d) => d.entry === 'res/layout/activity_consent.xml').map((d) => d.code)).toContain('W_ARTIFACT_FAILED');
      expect(i.checkedToggles().map((t) => t.location.kind === 'file' && t.location.entry)).toEqual(['res/layout/activity_login.xml']);
      expect(i.stats.items.layout).toBeGreaterThan(0);
    } finally {
      f.close();
    }
  });

  it('a hostile layout (20,000 checked boxes under one parent) stays bounded', async () => {
    const boxes = Array.from({ length: 20_000 }, (_, i) => ({ name: 'CheckBox', attrs: [{ name: 'android:checked', value: true }, ...(i % 2 === 0 ? [] : [{ name: 'android:text', value: `同意 ${i}` }])] }));
    const layout = encodeAxml({ name: 'LinearLayout', children: boxes });
    const f = await loadFacts(variants.make('strings-basic', { 'res/layout/activity_consent.xml': layout }), { needs: new Set() });
    try {
      const i = buildStringIndex(f);
      expect(i.checkedToggles()).toHaveLength(MAX_CHECKED_TOGGLES);
      expect(i.stats.capped).toContain('checkedToggles');
      expect(i.checkedToggles()[0]?.siblingText.length).toBeLessThanOrEqual(20);
      expect(i.hits('CONSENT_AGREE').length).toBeLessThanOrEqual(MAX_HITS_PER_GROUP);
      expect(i.stats.truncated).toBe(true);
      expect(f.diagnostics.items.some((d) => d.code === 'W_LIMIT_XML_FILES' && d.entry === 'res/layout/activity_consent.xml')).toBe(true);
    } finally {
      f.close();
    }
  });

  it('binary assets with text names are skipped; an unreadable asset is a diagnostic', async () => {
    const f = await loadFacts(
      variants.make('strings-basic', {
        'assets/binary.json': Buffer.from([0x7b, 0x00, 0x01, 0x02]),
        'assets/broken.txt': { name: 'assets/broken.txt', data: Buffer.from('隐私政策'.repeat(100)), method: 99, cd: { method: 8 }, lfh: { method: 8 } },
      }),
      { needs: new Set() },
    );
    try {
      const i = buildStringIndex(f);
      expect(i.stats.items.asset).toBe(6);
      expect(f.diagnostics.items.some((d) => d.code === 'W_ARTIFACT_FAILED' && d.entry === 'assets/broken.txt')).toBe(true);
    } finally {
      f.close();
    }
  });
});
