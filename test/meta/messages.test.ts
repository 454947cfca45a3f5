import { describe, expect, it } from 'vitest';
import { CLAUSES } from '../../rules/index.js';
import type { MessageData } from '../../src/model/index.js';
import { formatTemplate, placeholders } from '../../src/report/messages.js';
import { COVERAGE_NOTES, EVIDENCE_NOTES } from '../../src/report/notes.js';
import { TERMS } from '../../src/report/terms.js';
import { englishPhrases } from '../helpers/english.js';

/** A value of each placeholder kind, as checks hand them over. */
const SAMPLE: Record<string, string | string[]> = {
  pi: ['IMEI', 'LOCATION'],
  sdk: ['umeng-analytics', 'jpush'],
  owner: ['app', 'sdk:umeng-analytics', 'library:OkHttp', 'unknown', 'unknown:com.x.y'],
  class: ['Lcom/example/shop/Main;'],
  method: ['Lcom/example/shop/App;->onCreate()V'],
  path: ['Lcom/example/shop/App;->onCreate()V', 'Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;)V'],
  root: 'application',
  category: ['ads', 'analytics'],
  appCategory: ['网上购物类'],
  packer: 'jiagu360',
  quote: ['我已阅读并同意'],
  term: 'none',
  items: ['quote:手机号登录', 'sdk:jpush', 'term:wechatLogin', 'privacy@example.com'],
  // A reason without placeholders of its own (the others take the blind spot's data).
  reason: 'truncated',
};

function sample(template: string): MessageData {
  const data: Record<string, string | number | string[]> = {};
  for (const [name, kind] of placeholders(template)) data[name] = kind === undefined ? 'Lx/Y;' : (SAMPLE[kind] ?? 'X');
  return data;
}

const LEFTOVER = /\{\w+(?::\w+)?\}|\{\{\w+\}\}/;

function expectGood(what: string, en: string, zh: string): void {
  const ph = (t: string) => placeholders(t).map(([n, k]) => `${n}:${k ?? ''}`).sort();
  expect(ph(zh), `${what}: the same placeholders in both languages`).toEqual(ph(en));
  for (const k of placeholders(en).map(([, kind]) => kind)) if (k !== undefined) expect(Object.keys(SAMPLE), `${what}: unknown placeholder kind ${k}`).toContain(k);
  const data = sample(en);
  const renderedEn = formatTemplate(en, data, 'en');
  const renderedZh = formatTemplate(zh, data, 'zh');
  expect(renderedEn, `${what} en`).not.toMatch(LEFTOVER);
  expect(renderedZh, `${what} zh`).not.toMatch(LEFTOVER);
  expect(englishPhrases(renderedZh), `${what} zh: ${renderedZh}`).toEqual([]);
}

describe('every message renders in both languages, and the Chinese is Chinese', () => {
  const checks = CLAUSES.flatMap((c) => c.checks);
  it.each(checks.map((c) => c.meta.id))('%s', (id) => {
    const check = checks.find((c) => c.meta.id === id);
    if (check === undefined) throw new Error(id);
    for (const [mid, m] of Object.entries(check.messages) as [string, { en: string; zh: string }][]) expectGood(`${id}/${mid}`, m.en, m.zh);
    for (const [what, t] of [['title', check.meta.title], ['basis', check.meta.docs.basis], ['fix', check.meta.docs.fix], ...(check.meta.manualCheck === undefined ? [] : [['manual check', check.meta.manualCheck] as const])] as const) {
      expect(englishPhrases(t.zh), `${id} ${what}`).toEqual([]);
    }
  });

  it('coverage notes, evidence notes and terms', () => {
    for (const [code, t] of Object.entries(COVERAGE_NOTES)) expectGood(`coverage ${code}`, t.en, t.zh);
    for (const [id, t] of Object.entries(EVIDENCE_NOTES)) expectGood(`evidence note ${id}`, t.en, t.zh);
    for (const [id, t] of Object.entries(TERMS)) expect(englishPhrases(t.zh), `term ${id}`).toEqual([]);
  });

  it('the detector finds what it must and lets identifiers and quotes through', () => {
    expect(englishPhrases('在resources (every locale), layouts中没有')).toEqual(['every locale']);
    expect(englishPhrases('first-party code枚举已安装应用')).toEqual(['first-party code']);
    expect(englishPhrases('launcher activity com.example.Main 启动')).toEqual(['launcher activity']);
    expect(englishPhrases('TelephonyManager.getDeviceId 读取 IMEI，见“I agree to the terms” 与 android:debuggable="true"')).toEqual([]);
    expect(englishPhrases('Umeng Analytics 读取 Android ID')).toEqual([]);
  });
});

describe('the interface catalogue (src/i18n)', () => {
  /** Every string of a table, and what each of its functions says for sample arguments. */
  function texts(v: unknown, path: string, out: [string, string][]): [string, string][] {
    if (typeof v === 'string') out.push([path, v]);
    else if (typeof v === 'function') {
      const f = v as (...a: unknown[]) => unknown;
      const sample = { total: 3, store: 'x.db', audited: 2, skipped: 1, duplicates: 0, failed: 1, errors: '', unreadable: 0, seconds: '1.0', rate: '2.0', interrupted: false, done: 2, eta: '1s', new: 1, baselined: 2, absent: 0, fail: 1, warn: 1, review: 1, pass: 1 };
      // Argument kinds vary (counts, names, lists, summaries): each set that the function accepts.
      for (const [label, args] of [
        ['summary', Array.from({ length: Math.max(f.length, 1) }, (_, i) => (i === 0 ? sample : 'X'))],
        ['numbers', Array.from({ length: Math.max(f.length, 1) }, () => 3)],
        ['lists', Array.from({ length: Math.max(f.length, 1) }, (_, i) => (i === 0 ? [2, 7] : 'X'))],
      ] as const) {
        let r: unknown;
        try {
          r = f(...args);
        } catch {
          continue;
        }
        if (typeof r === 'string') out.push([`${path}(${label})`, r]);
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => texts(x, `${path}[${i}]`, out));
    else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) texts(x, `${path}.${k}`, out);
    return out;
  }

  it('every table has the same entries in both languages, and its Chinese is Chinese', async () => {
    const catalog = (await import('../../src/i18n/catalog.js')) as Record<string, { en: unknown; zh: unknown }>;
    const { ERROR_CODES_ZH, DIAGNOSTIC_CODES_ZH } = await import('../../src/i18n/errors.js');
    const shape = (v: unknown): unknown => (typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v);
    for (const [name, table] of Object.entries(catalog)) {
      expect(shape(table.zh), `${name}: same keys`).toEqual(shape(table.en));
      for (const [path, text] of texts(table.zh, name, [])) expect(englishPhrases(text), `${path}: ${text}`).toEqual([]);
    }
    for (const [code, text] of Object.entries({ ...ERROR_CODES_ZH, ...DIAGNOSTIC_CODES_ZH })) expect(englishPhrases(text), `${code}: ${text}`).toEqual([]);
  });
});
