import { findCategory } from '../engine/categories.js';
import { piKindInfo } from '../facts/pi-table.js';
import type { Lang, Localized, MessageData } from '../model/index.js';
import { loadCatalogue, loadPackers } from '../sdk/catalogue.js';
import { descriptorToJava, shortPath } from './location.js';
import { REASONS } from './reasons.js';
import { TERMS } from './terms.js';

/**
 * Message templates are filled here, and only here: checks and facts hand over ids and values, and
 * every word of a report comes from a template of the report's language or from the tables below.
 *
 * `{name}` is the value as it is (a list is joined the way the language joins lists); `{name:kind}`
 * is rendered by a kind:
 * - pi: PI kind ids (IMEI, LOCATION…) → their names in rules/data/pi-apis.json
 * - sdk: SDK catalogue ids → the SDK's name (the Chinese name in zh where the vendor has one)
 * - owner: owner keys (`app`, `sdk:<id>`, `library:<name>`, `unknown`, `unknown:<package>`)
 * - class / method: DEX descriptors → `com.a.B` / `com.a.B.m`
 * - path: a list of method keys → `App.onCreate → Sdk.init`
 * - root: a startup root kind (provider, application, launcher, boot-receiver)
 * - category: SDK catalogue categories; appCategory: the 2021 rule's app types; packer: packer ids
 * - quote: text quoted from the app, in the language's quotation marks
 * - term: ids of src/report/terms.ts (fixed phrases shared by several messages)
 * - items: a mixed list, each value prefixed with its kind: `quote:登录`, `sdk:jpush`, `term:wechatLogin`, `pi:IMEI`
 * - reason: a key of src/report/reasons.ts, filled with the message's own data
 */
export type PlaceholderKind = 'pi' | 'sdk' | 'owner' | 'class' | 'method' | 'path' | 'root' | 'category' | 'appCategory' | 'packer' | 'quote' | 'term' | 'items' | 'reason';

export const PLACEHOLDER_KINDS: readonly PlaceholderKind[] = ['pi', 'sdk', 'owner', 'class', 'method', 'path', 'root', 'category', 'appCategory', 'packer', 'quote', 'term', 'items', 'reason'];

const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;

/** Placeholders of a template, in order: `{name}` → [name, undefined], `{name:kind}` → [name, kind]. */
export function placeholders(template: string): [string, string | undefined][] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => [m[1] as string, m[2]]);
}

export function listSeparator(lang: Lang): string {
  return lang === 'zh' ? '、' : ', ';
}

let sdkNames: Map<string, { en: string; zh?: string }> | undefined;

export function sdkLabel(id: string, lang: Lang): string {
  sdkNames ??= new Map(loadCatalogue().sdks.map((s) => [s.id, s.name]));
  const n = sdkNames.get(id);
  if (n === undefined) return id;
  // English readers compare with Chinese SDK lists too: both names, as the catalogue has them.
  if (lang === 'zh') return n.zh ?? n.en;
  return n.zh !== undefined && n.zh !== n.en ? `${n.en} (${n.zh})` : n.en;
}

export function piLabel(kind: string, lang: Lang): string {
  return piKindInfo(kind)?.[lang] ?? kind;
}

export function ownerLabel(key: string, lang: Lang): string {
  const colon = key.indexOf(':');
  const kind = colon < 0 ? key : key.slice(0, colon);
  const rest = colon < 0 ? '' : key.slice(colon + 1);
  switch (kind) {
    case 'app':
      return TERMS.ownerApp[lang];
    case 'sdk':
      return sdkLabel(rest, lang);
    case 'library':
      return lang === 'zh' ? `开源库 ${rest}` : `library ${rest}`;
    case 'vendor': {
      const colon2 = rest.indexOf(':');
      const vendor = vendorLabel(colon2 < 0 ? rest : rest.slice(0, colon2), lang);
      const pkg = colon2 < 0 ? '' : rest.slice(colon2 + 1);
      return lang === 'zh' ? `${vendor}的未识别 SDK（包 ${pkg}）` : `an unidentified ${vendor} SDK (package ${pkg})`;
    }
    case 'unknown':
      return rest === '' ? TERMS.ownerUnknown[lang] : lang === 'zh' ? `无法识别的第三方代码（包 ${rest}）` : `unidentified third-party code (package ${rest})`;
    default:
      return key;
  }
}

const ROOTS: Record<string, Localized> = {
  provider: { en: 'content provider', zh: 'ContentProvider' },
  application: { en: 'Application', zh: 'Application' },
  launcher: { en: 'launcher activity', zh: '启动页' },
  'boot-receiver': { en: 'boot receiver', zh: '开机广播接收器' },
};

const SDK_CATEGORIES: Record<string, Localized> = {
  ads: { en: 'ads', zh: '广告' },
  analytics: { en: 'analytics', zh: '统计分析' },
  push: { en: 'push', zh: '推送' },
  attribution: { en: 'attribution', zh: '归因' },
  'maps-location': { en: 'maps and location', zh: '地图定位' },
  login: { en: 'login', zh: '登录' },
  payment: { en: 'payment', zh: '支付' },
  share: { en: 'sharing', zh: '分享' },
  crash: { en: 'crash reporting', zh: '崩溃监测' },
  'risk-control': { en: 'risk control', zh: '风控' },
  'face-biometric': { en: 'face recognition', zh: '人脸识别' },
  'hot-update': { en: 'hot update', zh: '热更新' },
  webview: { en: 'WebView engine', zh: 'WebView 内核' },
  im: { en: 'instant messaging', zh: '即时通讯' },
  speech: { en: 'speech', zh: '语音' },
  'ar-vr': { en: 'AR/VR', zh: 'AR/VR' },
  network: { en: 'networking', zh: '网络' },
  utility: { en: 'utility', zh: '工具' },
  'customer-service': { en: 'customer service', zh: '客服' },
  game: { en: 'game', zh: '游戏' },
  'anti-addiction': { en: 'anti-addiction', zh: '防沉迷' },
  packer: { en: 'packer', zh: '加固' },
};

export function sdkCategoryLabel(id: string, lang: Lang): string {
  return SDK_CATEGORIES[id]?.[lang] ?? id;
}

export function rootLabel(kind: string, lang: Lang): string {
  return ROOTS[kind]?.[lang] ?? kind;
}

function appCategoryLabel(name: string, lang: Lang): string {
  const c = findCategory(name);
  if (c === undefined) return name;
  return lang === 'zh' ? c.name : `${c.short} (${c.aliases[0] ?? c.no})`;
}

let vendorNames: Map<string, { en: string; zh?: string }> | undefined;

function vendorLabel(id: string, lang: Lang): string {
  vendorNames ??= new Map(loadCatalogue().vendors.map((v) => [v.id, v.name]));
  const n = vendorNames.get(id);
  return n === undefined ? id : lang === 'zh' ? (n.zh ?? n.en) : n.en;
}

let packerNames: Map<string, { en: string; zh?: string }> | undefined;

function packerLabel(id: string, lang: Lang): string {
  packerNames ??= new Map(loadPackers().packers.map((p) => [p.id, p.name]));
  const n = packerNames.get(id);
  return n === undefined ? id : lang === 'zh' ? (n.zh ?? n.en) : n.en;
}

/** `com.a.B.m` from `Lcom/a/B;->m(I)V`, `Lcom/a/B;->m` or `Lcom/a/B;->FIELD`; other text as it is. */
export function methodLabel(key: string): string {
  const m = /^(\[*L[^;]+;)->([^(:]+)/.exec(key);
  return m === null ? key : `${descriptorToJava(m[1] ?? '')}.${m[2] ?? ''}`;
}

function renderOne(kind: string | undefined, v: string, lang: Lang): string {
  switch (kind) {
    case undefined:
      return v;
    case 'pi':
      return piLabel(v, lang);
    case 'sdk':
      return sdkLabel(v, lang);
    case 'owner':
      return ownerLabel(v, lang);
    case 'class':
      return descriptorToJava(v);
    case 'method':
      return methodLabel(v);
    case 'root':
      return rootLabel(v, lang);
    case 'category':
      return sdkCategoryLabel(v, lang);
    case 'appCategory':
      return appCategoryLabel(v, lang);
    case 'packer':
      return packerLabel(v, lang);
    case 'quote':
      return lang === 'zh' ? `“${v}”` : `"${v}"`;
    case 'term': {
      const t = (TERMS as Record<string, Localized | undefined>)[v];
      return t === undefined ? v : t[lang];
    }
    case 'items': {
      const colon = v.indexOf(':');
      return colon < 0 ? v : renderOne(v.slice(0, colon), v.slice(colon + 1), lang);
    }
    default:
      return v;
  }
}

function renderValue(kind: string | undefined, v: string | number | readonly string[], lang: Lang, data: MessageData): string {
  if (kind === 'reason') {
    const t = typeof v === 'string' ? (REASONS as Record<string, Localized | undefined>)[v] : undefined;
    return t === undefined ? String(v) : formatTemplate(t[lang], data, lang);
  }
  if (kind === 'path') return shortPath(typeof v === 'string' ? [v] : typeof v === 'number' ? [String(v)] : v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return renderOne(kind, v, lang);
  if (v.length === 0) return TERMS.none[lang];
  return [...new Set(v.map((x) => renderOne(kind, x, lang)))].join(listSeparator(lang));
}

/**
 * Fills a template. A placeholder without a value stays visible as `{name}`, so that the test
 * that renders every message catches it instead of a reader.
 */
export function formatTemplate(template: string, data: MessageData | undefined, lang: Lang): string {
  return template.replace(PLACEHOLDER, (whole, name: string, kind: string | undefined) => {
    const v = data?.[name];
    return v === undefined || data === undefined ? whole : renderValue(kind, v, lang, data);
  });
}

export function formatLocalized(template: Localized, data: MessageData | undefined): Localized {
  return { en: formatTemplate(template.en, data, 'en'), zh: formatTemplate(template.zh, data, 'zh') };
}
