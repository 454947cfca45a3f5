import type { Evidence, MessageData } from '../model/index.js';
import type { AppFacts } from './app-facts.js';
import { descriptorToClassName } from './app-facts.js';
import { hybridFrameworks, webViewShell } from './coverage-limits.js';
import { LexiconMatcher, matchLexicon, normalizeWithMap, type LexiconMatch } from './strings/index.js';
import type { BundledDocument, ExtractedValue, LexiconGroup, TextHit, TextOrigin } from './strings/types.js';
import type { SdkFinding } from './sdk-inventory.js';
import { manifestEvidence, sdkEvidence, siteEvidence, textEvidence } from './evidence.js';
import { derivedFact } from './derived.js';
import { anyPolicyUrls, privacyPolicyDocs } from './text.js';

/**
 * Text evidence for clauses 6, 7 and 8 (rights, account deletion, complaint channel). These
 * clauses mostly conclude from an absence, so everything here is about making "absent" mean
 * absent from the app's own text in every source the string index reads, and about saying when
 * that cannot be trusted (WebView shells, packed code, text the index cannot read or cut).
 */

/** The text artifacts a string-evidence check needs, so that unread text is a coverage note, not an absence. */
export const TEXT_NEEDS = ['resources', 'dex', 'assets', 'native'] as const;

/** Anchor for an app-wide absence with nothing more specific to point at. */
export const APPLICATION_ANCHOR = '/manifest/application';

/**
 * Resource names of libraries and SDKs that apps merge in and whose strings read like features:
 * Google Sign-In buttons (`common_signin_button_text` "Sign in" / "登录"), Facebook and
 * FirebaseUI login views, AppCompat/Material/ExoPlayer UI, and the UI of SDKs that prefix their
 * resources (ShareSDK's `ssdk_instapaper_login` is a login to Instapaper for sharing, not an
 * account of the app). The app did not write them; login SDKs count through the SDK inventory.
 */
const LIBRARY_RESOURCE = /^(abc_|mtrl_|material_|m3_|m3c_|design_|exo_|common_signin_|common_google_play_services_|common_open_on_phone|com_facebook_|fui_|fingerprint_|biometric_|androidx_|ssdk_|smssdk_|umeng_socialize_)/;

/** Whether a text hit or extracted value is the app's own text (not an SDK's or a library's). */
export function isAppText(facts: AppFacts, item: TextHit | ExtractedValue): boolean {
  const l = item.location;
  if (l.kind === 'dex') {
    const owner = facts.ownerOfClass(descriptorToClassName(l.method.slice(0, l.method.indexOf('->'))));
    return owner.kind !== 'sdk' && owner.kind !== 'library';
  }
  if (l.kind === 'resource') {
    const name = l.name.slice(l.name.indexOf('/') + 1).replace(/\[\d+\]$/, '');
    return !LIBRARY_RESOURCE.test(name) && !sdkPrefixed(facts, name) && !foreignLookup(facts, name);
  }
  if (l.kind === 'file') {
    if (sdkFiles(facts).has(l.entry)) return false;
    const res = RES_FILE.exec(l.entry);
    return res?.[1] === undefined || (!sdkPrefixed(facts, res[1]) && !foreignLookup(facts, res[1]));
  }
  return true;
}

/**
 * The packages of the SDKs found in the app, as resource-name prefixes: AAR resources of an SDK
 * are often named after its package (`com_sina_weibo_sdk_login` 登录 is the Weibo SDK's button).
 */
const sdkResourcePrefixes = derivedFact((facts: AppFacts): string[] =>
  [...new Set(facts.sdks.flatMap((f) => f.record.packages.filter((p) => p.includes('.')).map((p) => `${p.replace(/\./g, '_').toLowerCase()}_`)))],
);

function sdkPrefixed(facts: AppFacts, name: string): boolean {
  const lower = name.toLowerCase();
  return sdkResourcePrefixes(facts).some((p) => lower.startsWith(p));
}

/** A resource file (`res/layout-land/ssdk_oks_share.xml`): its resource name. */
const RES_FILE = /^res\/[^/]+\/([A-Za-z0-9_.]+)\.xml$/;

/**
 * Whether a resource is an SDK's by the way it is used: SDK or library code looks it up by name
 * (`getIdentifier`, MobTech `ResHelper.getStringRes(ctx, "instapaper_login")`, Umeng
 * `ResContainer`), and no other code names it. SDKs shipped as a JAR with resources to copy into
 * the app carry no prefix of their own (ShareSDK 2.x `instapaper_login` 登录 is the Instapaper
 * sign-in form it shows for sharing); they find their resources by name, the app by R constant.
 */
function foreignLookup(facts: AppFacts, name: string): boolean {
  const cache = lookupCache(facts);
  let v = cache.get(name);
  if (v === undefined) {
    const code = facts.code;
    const sites = code?.stringSitesEqual(name) ?? [];
    let foreign = false;
    let own = false;
    for (const s of sites) {
      const o = facts.ownerOfClass(descriptorToClassName(code?.callerClass(s) ?? ''));
      if (o.kind === 'sdk' || o.kind === 'library' || o.kind === 'vendor') foreign = true;
      else own = true;
    }
    v = foreign && !own;
    cache.set(name, v);
  }
  return v;
}

const lookupCache = derivedFact((_facts: AppFacts): Map<string, boolean> => new Map());

/** Assets and native libraries the SDK inventory attributes to an SDK. */
const sdkFiles = derivedFact((facts: AppFacts): Set<string> => new Set(facts.sdks.flatMap((f) => [...f.detection.evidence.assets, ...f.detection.evidence.nativeLibs])));

/** Company registration (注册地址, 注册资本…) is not an account: policies state it in their header. */
const REGISTRATION_NOT_ACCOUNT = /(注册|註冊)(地址|地|资本|資本|商标|商標|号|號|编号|編號|证|證|会计|會計|机关|機關|登记|登記|表)/g;

function isAccountText(hit: TextHit): boolean {
  if (hit.term !== '注册' && hit.term !== '註冊') return true;
  const all = hit.snippet.split(/注册|註冊/).length - 1;
  const company = [...hit.snippet.matchAll(REGISTRATION_NOT_ACCOUNT)].length;
  return all > company;
}

/**
 * The app's own hits of a lexicon group. When the index kept only the first hits of the group
 * and all of them were foreign, `present` stays true: later ones may be the app's.
 */
export function appHits(facts: AppFacts, group: LexiconGroup): { hits: TextHit[]; present: boolean } {
  const idx = facts.strings;
  if (idx === undefined) return { hits: [], present: false };
  const raw = idx.hits(group);
  const hits = raw.filter((h) => isAppText(facts, h) && (group !== 'LOGIN' || isAccountText(h)));
  return { hits, present: hits.length > 0 || (raw.length > 0 && idx.stats.capped.includes(group)) };
}

// Screens first (what the user sees), then resource strings, code, bundled files.
const ORIGIN_ORDER: Record<TextOrigin, number> = { layout: 0, resource: 1, xml: 2, dex: 3, asset: 4, native: 5 };

export function originRank(item: TextHit | ExtractedValue): number {
  return ORIGIN_ORDER[item.origin];
}

/** Items in ORIGIN_ORDER (stable: the index's own order within an origin). */
export function byOrigin<T extends TextHit | ExtractedValue>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => originRank(a) - originRank(b));
}

// ---- login (accounts exist) -------------------------------------------------------------------

/** WeChat OpenSDK serves sharing and payment too: it is a login only where the app builds an auth request. */
const WECHAT_AUTH: readonly [string, string][] = [
  ['Lcom/tencent/mm/opensdk/modelmsg/SendAuth$Req;', '<init>'],
  ['Lcom/tencent/mm/sdk/modelmsg/SendAuth$Req;', '<init>'],
];

export interface LoginEvidence {
  /** Strongest first: login screens, then resource strings, code, bundled text, then SDKs. */
  evidence: Evidence[];
  /**
   * What shows the login, for a `{login:items}` placeholder: `quote:手机号登录` (the app's text),
   * `sdk:<id>` (a login SDK), `term:wechatLogin` (a WeChat auth request).
   */
  items: string[];
  /**
   * Every login text names another platform (QQ, Weibo, Instapaper…) or its OAuth tokens, and a
   * social or share SDK is bundled: the login may be an authorisation for that platform only.
   */
  thirdPartyOnly: boolean;
  /**
   * A sharing or login platform's SDK is bundled and nothing shows an account of the app's own:
   * no login SDK it calls, no WeChat auth request, no registration text that does not name a
   * platform, no account, password or user-name text of its own (账号, 密码, 用户名, password…).
   * The login text may then be that platform's authorisation only (an SDK demo, a share-only
   * app): whether there is an account to delete cannot be told from the APK.
   */
  noOwnAccount: boolean;
}

/**
 * What shows the app has user accounts: LOGIN text of its own, a login-category SDK the app
 * calls or declares components of (one-click login, QQ, Huawei ID…), or a WeChat auth request.
 * Undefined when there is none.
 */
export const loginEvidence = derivedFact((facts: AppFacts): LoginEvidence | undefined => {
  const text = byOrigin(appHits(facts, 'LOGIN').hits.filter((h) => !NOT_A_LOGIN.test(h.snippet)));
  const sdks = facts.sdks.filter((f) => f.record.category === 'login' && (f.used || f.detection.evidence.components.length > 0));
  const wechat = wechatLogin(facts);
  if (text.length === 0 && sdks.length === 0 && wechat === undefined) return undefined;
  const evidence: Evidence[] = [
    ...text.slice(0, 3).map((h) => textEvidence(facts, h)),
    ...sdks.flatMap((f) => loginSdkEvidence(facts, f)),
    ...(wechat === undefined ? [] : [wechat.evidence]),
  ];
  const terms = [...new Set(text.map((h) => `quote:${h.term}`))].slice(0, 3);
  // A login that only ever names another platform (QQ, Weibo, Instapaper…) or its OAuth token,
  // in an app that bundles that platform's SDK, may be an authorisation for sharing rather than an
  // account of the app: the APK cannot tell which.
  const socialSdk = facts.sdks.some((f) => SOCIAL_CATEGORIES.has(f.record.category));
  const names = platformNamer(text);
  // A login SDK the app calls or a WeChat auth request is how apps sign users in to accounts of
  // their own; only text is ambiguous.
  const thirdPartyOnly = socialSdk && sdks.length === 0 && wechat === undefined && text.length > 0 && text.every((h) => names(h) && !OWN_ACCOUNT.test(h.snippet));
  const registration = text.some((h) => REGISTRATION_TERMS.has(h.term) && !names(h));
  const ownAccount = sdks.length > 0 || wechat !== undefined || registration || text.some((h) => OWN_ACCOUNT.test(h.snippet)) || appHits(facts, 'ACCOUNT').present;
  return {
    evidence,
    items: [...terms, ...sdks.map((f) => `sdk:${f.record.id}`), ...(wechat === undefined ? [] : ['term:wechatLogin'])],
    thirdPartyOnly,
    noOwnAccount: socialSdk && !ownAccount,
  };
});

/**
 * A login SDK as evidence of the app's accounts: first where the app's own code calls it (the
 * accounts, and the duty to offer rights and deletion, are the app's, not the SDK vendor's), then
 * the SDK's classes. Only an SDK found by its components alone is shown by the SDK's evidence.
 */
function loginSdkEvidence(facts: AppFacts, f: SdkFinding): Evidence[] {
  const own = sdkEvidence(facts, f).slice(0, 1);
  const code = facts.code;
  if (code === undefined) return own;
  // A call of the SDK's API rather than a subclass's super() into one of its callback types.
  const site = f.usedFrom.find((s) => !code.calleeRef(s).includes('-><init>(')) ?? f.usedFrom[0];
  if (site === undefined) return own;
  const callee = code.calleeRef(site);
  const cls = callee.slice(0, callee.indexOf('->'));
  const name = callee.slice(callee.indexOf('->') + 2, callee.indexOf('('));
  return [siteEvidence(facts, site, `${descriptorToClassName(cls)}.${name}`), ...own];
}

/** Registration that is not a user's: an event reported to an attribution server, an app registered with a platform. */
const NOT_A_LOGIN = /上报(注册|登录|激活)|注册应用|应用注册|register ?app/i;

/** Words of the app's own account system (beyond a bare "login"). */
const OWN_ACCOUNT = /账号|帳號|帐号|账户|密码|密碼|password|passwd|手机号|验证码|忘记|用户名|username|sign ?up|create (an )?account/i;

const SOCIAL_CATEGORIES = new Set(['share', 'login']);

/** LOGIN terms that create an account (registration), as opposed to signing in to one. */
const REGISTRATION_TERMS = new Set(['注册', '註冊', 'sign up']);


/** A platform of a social/share SDK, or its OAuth vocabulary, named in the text or the resource name. */
const PLATFORM = /微博|weibo|sina|新浪|腾讯|qq|qzone|微信|wechat|weixin|facebook|twitter|google|instapa|kakao|line|evernote|dropbox|人人|renren|开心|kaixin|豆瓣|douban|linkedin|支付宝|alipay|oauth|sso|token|授权/i;

function namesPlatform(h: TextHit): boolean {
  const l = h.location;
  return PLATFORM.test(h.snippet) || (l.kind === 'resource' && PLATFORM.test(l.name)) || (l.kind === 'file' && PLATFORM.test(l.entry));
}

/**
 * namesPlatform, where a layout's text is also named by the string resource it shows: the layout
 * line `手机短信注册登录` is `weibosdk_demo_obtain_token_via_mobile`, a Weibo demo's string.
 */
function platformNamer(hits: readonly TextHit[]): (h: TextHit) => boolean {
  const named = new Set(hits.filter((h) => h.location.kind === 'resource' && namesPlatform(h)).map((h) => h.snippet));
  return (h) => namesPlatform(h) || (h.origin === 'layout' && named.has(h.snippet));
}

function wechatLogin(facts: AppFacts): { evidence: Evidence } | undefined {
  const code = facts.code;
  if (code === undefined) return undefined;
  for (const [cls, name] of WECHAT_AUTH) {
    const site = code.invokesOf(cls, name).find((s) => facts.ownerOfClass(descriptorToClassName(code.callerClass(s))).kind !== 'sdk');
    if (site !== undefined) return { evidence: { ...siteEvidence(facts, site, `${descriptorToClassName(cls)}.<init>`), note: { id: 'wechat-login' } } };
  }
  return undefined;
}

/**
 * Whether the app handles personal information at all: accounts, PI APIs called by its own code,
 * an SDK or renamed code, or any catalogued SDK. Platform libraries (AndroidX reads location for
 * its day/night theme) do not make an app a collector.
 */
export function handlesPersonalInformation(facts: AppFacts): boolean {
  return loginEvidence(facts) !== undefined || facts.apiUses.some((u) => u.owner.kind !== 'library') || facts.sdks.length > 0;
}

// ---- where text evidence cannot be trusted ----------------------------------------------------

export interface BlindSpot {
  /** A key of src/report/reasons.ts: it completes "…, but {why:reason}" with `data`. */
  code: 'webview-shell' | 'packed' | 'unindexed-framework' | 'truncated';
  data: MessageData;
  evidence: Evidence[];
}

/** Frameworks whose UI text sits in files the string index does not read (.NET assemblies, IL2CPP metadata, compiled Lua). */
const UNINDEXED_FRAMEWORKS = new Set(['xamarin', 'unity', 'cocos']);

/**
 * Why an absence of text may not be real: the UI is a remote site (WebView shell), the code is
 * encrypted (packer), the UI text is in files the index does not read, or a read was cut at its
 * size limit. Undefined when the index saw everything there is.
 */
export const textBlindSpot = derivedFact((facts: AppFacts): BlindSpot | undefined => {
  const shell = webViewShell(facts);
  if (shell !== undefined) {
    const desc = `L${shell.activity.replace(/\./g, '/')};`;
    const loads = facts.code?.invokesOf('Landroid/webkit/WebView;', 'loadUrl').find((s) => facts.code?.callerClass(s) === desc);
    return {
      code: 'webview-shell',
      data: { activity: shell.activity, url: shell.url },
      evidence: loads === undefined ? [] : [siteEvidence(facts, loads, `WebView.loadUrl ${shell.url}`)],
    };
  }
  const packer = facts.packers[0];
  if (packer !== undefined) {
    const file = packer.files[0];
    return {
      code: 'packed',
      data: { packer: packer.packer.id },
      evidence: file === undefined ? [] : [{ location: { kind: 'file', entry: file }, detail: packer.packer.name.en }],
    };
  }
  const fw = hybridFrameworks(facts.entries).find((h) => UNINDEXED_FRAMEWORKS.has(h.framework.id));
  if (fw !== undefined) {
    return {
      code: 'unindexed-framework',
      data: { framework: fw.framework.name, logic: `logic:${fw.framework.id}` },
      evidence: [{ location: { kind: 'file', entry: fw.entry }, detail: fw.framework.name }],
    };
  }
  if (facts.strings?.stats.truncated === true) {
    return { code: 'truncated', data: {}, evidence: [] };
  }
  return undefined;
});

// ---- the privacy policy: bundled or remote ----------------------------------------------------

/** The app's links to a privacy policy or agreement page (not an SDK's link to its own policy). */
export function policyUrls(facts: AppFacts): ExtractedValue[] {
  return byOrigin(anyPolicyUrls(facts).filter((u) => isAppText(facts, u)));
}

/** Bundled policies and agreements that are the app's own (an agreement may hold the deletion terms). */
export function appDocuments(facts: AppFacts): BundledDocument[] {
  const sdk = sdkFiles(facts);
  return (facts.strings?.bundledDocuments() ?? []).filter((d) => !sdk.has(d.entry));
}

/**
 * Where rights text would live when it is not in the APK: the privacy policy is only a link (the
 * app bundles no privacy policy of its own; a bundled user agreement does not count), so its
 * content is served by a remote page. Undefined otherwise.
 */
export function remotePolicy(facts: AppFacts): ExtractedValue | undefined {
  const sdk = sdkFiles(facts);
  if (privacyPolicyDocs(facts).some((d) => !sdk.has(d.entry))) return undefined;
  return policyUrls(facts)[0];
}

/**
 * The place an absence of rights text is best shown: the app's bundled policy, its policy text
 * or link, or the manifest's application element.
 */
export function policyAnchor(facts: AppFacts): Evidence {
  const doc = appDocuments(facts)[0];
  if (doc !== undefined) return { location: doc.location, note: { id: 'bundled-policy' } };
  const hit = byOrigin(appHits(facts, 'POLICY').hits)[0];
  if (hit !== undefined) return textEvidence(facts, hit);
  const url = policyUrls(facts)[0];
  if (url !== undefined) return textEvidence(facts, url);
  return manifestEvidence(APPLICATION_ANCHOR, 'application');
}

// ---- commitments and proximity ----------------------------------------------------------------

/** A TIMING term counts when the text around it is about answering a request, not about goods. */
const RESPONSE_CONTEXT = /答复|回复|回覆|处理|處理|反馈|響應|响应|核实|核實|完成|注销|註銷|删除|刪除|更正|申请|申請|请求|請求|投诉|投訴|申诉|申訴|respond|reply|request|process|handle|complete|delet/i;
const GOODS_CONTEXT = /退货|退貨|退款|退换|退換|换货|換貨|发货|發貨|收货|收貨|配送|签收|簽收|refund|return|deliver|ship/i;

/**
 * The app's commitments to answer rights requests within 15 working days: TIMING text next to
 * words about requests, or anywhere in the app's bundled policy, but never next to words about
 * goods ("15日内退货" is a shop's return window). Bundled policies are read whole, because the
 * index keeps only each term's first occurrence in a file and that one may be about delivery.
 */
export const timingCommitments = derivedFact((facts: AppFacts): TextHit[] => {
  const docs = appDocuments(facts);
  const inDoc = new Set(docs.map((d) => d.entry));
  const hits = appHits(facts, 'TIMING').hits.filter((h) => !GOODS_CONTEXT.test(h.snippet) && ((h.location.kind === 'file' && inDoc.has(h.location.entry)) || RESPONSE_CONTEXT.test(h.snippet)));
  const seen = new Set(hits.flatMap((h) => (h.location.kind === 'file' ? [h.location.entry] : [])));
  for (const d of docs) {
    if (seen.has(d.entry)) continue;
    const found = documentMatches(d, 'TIMING').find((m) => !GOODS_CONTEXT.test(m.excerpt));
    if (found !== undefined) hits.push({ group: 'TIMING', term: found.term, lang: found.lang, origin: 'asset', location: { kind: 'file', entry: d.entry }, snippet: found.excerpt });
  }
  return byOrigin(hits);
});

/** Characters either side of a match shown in its excerpt (as the index's snippets). */
const EXCERPT_CHARS = 60;

/** Every match of a group in a bundled document, each with an excerpt of the document's own text. */
function documentMatches(doc: BundledDocument, group: LexiconGroup): { term: string; lang: 'zh' | 'en'; excerpt: string }[] {
  const { matches, map } = scanDocument(doc);
  return matches.filter((m) => m.term.group === group).map((m) => ({ term: m.term.term, lang: m.term.lang, excerpt: excerpt(doc.text, map[m.start] ?? 0, (map[m.end - 1] ?? 0) + 1, EXCERPT_CHARS) }));
}

/** doc[from, to) with `around` characters either side, on one line, `…` where cut. */
function excerpt(doc: string, from: number, to: number, around: number): string {
  const a = Math.max(0, from - around);
  const b = Math.min(doc.length, to + around);
  return `${a > 0 ? '…' : ''}${doc.slice(a, b).replace(/\s+/g, ' ').trim()}${b < doc.length ? '…' : ''}`;
}

/** Distance, in characters of a document, within which two terms are about the same thing. */
const NEAR_CHARS = 200;
/** Lines of a layout or XML file within which two texts are on the same screen part. */
const NEAR_LINES = 10;
/** Matches looked at in one bundled document (bounded: documents are app-controlled). */
const MAX_DOCUMENT_MATCHES = 20_000;

/**
 * For each hit of `group`, whether it is near a hit of `other`: in the same text (a resource
 * string, a DEX method's strings, the hit's own excerpt), within NEAR_LINES lines of the same
 * layout or XML file, or within NEAR_CHARS characters of the same bundled document. Returns the
 * hits that are, each with the excerpt showing both. Long assets such as JS bundles count only
 * through excerpts: a term in one screen of a bundle says nothing about another screen.
 */
export function nearHits(facts: AppFacts, group: LexiconGroup, other: LexiconGroup): { hit: TextHit; excerpt: string }[] {
  const mine = appHits(facts, group).hits;
  const theirs = appHits(facts, other).hits;
  if (mine.length === 0 || theirs.length === 0) return [];
  const docs = new Map(appDocuments(facts).map((d) => [d.entry, d]));
  const scanned = new Map<string, DocumentScan>();
  const out: { hit: TextHit; excerpt: string }[] = [];
  for (const h of mine) {
    if (matchLexicon(h.snippet).some((m) => m.group === other)) {
      out.push({ hit: h, excerpt: h.snippet });
      continue;
    }
    const l = h.location;
    const same = theirs.find((o) => {
      const k = o.location;
      if (l.kind === 'resource' && k.kind === 'resource') return l.name === k.name && l.config === k.config;
      if (l.kind === 'dex' && k.kind === 'dex') return l.method === k.method;
      if (l.kind === 'file' && k.kind === 'file' && (h.origin === 'layout' || h.origin === 'xml') && o.origin === h.origin) {
        return l.entry === k.entry && l.line !== undefined && k.line !== undefined && Math.abs(l.line - k.line) <= NEAR_LINES;
      }
      return false;
    });
    if (same !== undefined) {
      out.push({ hit: h, excerpt: `${h.snippet} … ${same.snippet}` });
      continue;
    }
    const doc = l.kind === 'file' ? docs.get(l.entry) : undefined;
    if (doc === undefined) continue;
    let scan = scanned.get(doc.entry);
    if (scan === undefined) {
      scan = scanDocument(doc);
      scanned.set(doc.entry, scan);
    }
    const excerpt = nearInDocument(doc, scan, h.term, other);
    if (excerpt !== undefined) out.push({ hit: h, excerpt });
  }
  return out;
}

interface DocumentScan {
  matches: LexiconMatch[];
  /** Normalised index → index in the document's own text. */
  map: Int32Array;
}

function scanDocument(doc: BundledDocument): DocumentScan {
  const { text, map } = normalizeWithMap(doc.text);
  return { matches: LexiconMatcher.default().scan(text, { code: false, max: MAX_DOCUMENT_MATCHES }), map };
}

/**
 * Every occurrence of `term` and of the other group in a document (the index keeps only each
 * term's first): an excerpt where one of them is near the other.
 */
function nearInDocument(doc: BundledDocument, scan: DocumentScan, term: string, other: LexiconGroup): string | undefined {
  const a = scan.matches.filter((m) => m.term.term === term);
  const b = scan.matches.filter((m) => m.term.group === other);
  for (const x of a) {
    const y = b.find((m) => Math.abs(m.start - x.start) <= NEAR_CHARS);
    if (y === undefined) continue;
    // Shown in the document's own characters, not the normalised ones.
    return excerpt(doc.text, scan.map[Math.min(x.start, y.start)] ?? 0, (scan.map[Math.max(x.end, y.end) - 1] ?? 0) + 1, 20);
  }
  return undefined;
}

/** SDKs of a category, for evidence. */
export function sdksOf(facts: AppFacts, category: string): readonly SdkFinding[] {
  return facts.sdks.filter((f) => f.record.category === category);
}
