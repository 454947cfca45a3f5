import { defineCheck, defineClause } from '../src/engine/legacy.js';
import type { Evidence } from '../src/model/index.js';
import type { AppFacts } from '../src/facts/app-facts.js';
import { descriptorToClassName } from '../src/facts/app-facts.js';
import type { CodeSite } from '../src/facts/code.js';
import type { ExtractedValue, TextHit } from '../src/facts/strings/types.js';
import { MAX_EVIDENCE, siteEvidence } from './lib/code.js';
import { constOf, flowAt, type FlowEvent } from './lib/flow.js';
import { appHits, byOrigin, isAppText, loginEvidence, nearHits, originRank, perApp, SOURCES, TEXT_NEEDS, textBlindSpot, textEvidence, timingCommitments } from './lib/rights.js';

// ---- where the app offers deletion ------------------------------------------------------------

/**
 * Deletion endpoints and pages: `/user/deleteAccount`, `/account/cancel`, `close-account.html`,
 * `/user/zhuxiao` (注销 in pinyin). Unbinding a linked account (`cancelAccountBind`) is not
 * deletion, nor is a cancelled account picker (`accountCancelled`), nor a name (`zhuxiaoming`).
 */
const DELETE_PATH = /(delete|cancel|close|deactivate|destroy)[-_/.]?(my[-_]?)?(account|acct)(?![-_]?(bind|link|select|switch))|(account|acct)[-_/.]?(delete|deletion|cancel(?!led)|cancellation|close|closure|deactivat|destroy)|zhuxiao(?![a-z])/i;
/** The same as an identifier in code (an API name or route): bounded, so that long text is left to the lexicon. */
const MAX_IDENTIFIER = 200;

interface Deletion {
  hits: TextHit[];
  urls: ExtractedValue[];
  /** First-party const-strings naming a deletion API or route. */
  sites: CodeSite[];
  present: boolean;
}

/**
 * Every trace of an account-deletion entry in the app's own text: DELETE lexicon terms
 * (注销账号, 账号注销, Delete account…), URLs whose path names deletion, and const-strings naming a
 * deletion API or route in first-party code. SDK code and library resources do not count.
 */
const deletion = perApp((facts: AppFacts): Deletion => {
  const text = appHits(facts, 'DELETE');
  const urls = (facts.strings?.urls() ?? []).filter((u) => DELETE_PATH.test(u.value.replace(/^https?:\/\/[^/?#]+/i, '')) && isAppText(facts, u));
  const code = facts.code;
  const sites =
    code === undefined
      ? []
      : code
          .constStringSites((s) => s.length <= MAX_IDENTIFIER && DELETE_PATH.test(s))
          .filter((s) => {
            const o = facts.ownerOfClass(descriptorToClassName(code.callerClass(s)));
            return o.kind !== 'sdk' && o.kind !== 'library';
          });
  return { hits: byOrigin(text.hits), urls: byOrigin(urls), sites, present: text.present || urls.length > 0 || sites.length > 0 };
});

function deletionEvidence(facts: AppFacts, d: Deletion): Evidence[] {
  return [
    ...d.hits.slice(0, 3).map((h) => textEvidence(facts, h)),
    ...d.urls.slice(0, 2).map((u) => textEvidence(facts, u)),
    ...d.sites.slice(0, 2).map((s) => siteEvidence(facts, s, `const-string "${s.unit.dex.string(s.ref)}"`)),
  ];
}

const noAccountDeletion = defineCheck({
  meta: {
    id: 'c07/no-account-deletion',
    title: { en: 'Accounts but no way to delete one', zh: '有账号但没有注销账号的途径' },
    verdicts: ['fail', 'review'],
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: '认定方法 六.1 (no way to delete the account); GB/T 35273-2020 8.5; PIPL Art. 47. An app with accounts (its own login text, a login-category SDK it uses such as carrier one-click login, or a WeChat auth request) must offer deletion, and the entry to it is text the app carries even when the deletion page itself is H5: 注销账号, 账号注销, 注销须知, Delete account, a URL or API route naming deletion. Absence from every source the string index reads (resources in every locale, layouts, DEX strings, assets including bundled H5/JS and policies, native libraries) is robust, hence FAIL. It is review when that absence cannot be trusted: a WebView shell (its pages are remote), packed code, UI text in files the index does not read (Xamarin, Unity, Cocos), or text cut at a size limit.',
        zh: '《认定方法》六.1（未提供注销账号途径）；GB/T 35273-2020 8.5；《个人信息保护法》第四十七条。有账号的应用（自身的登录文本、所用的登录类 SDK 如运营商一键登录，或微信授权请求）必须提供注销；即使注销页面本身是 H5，其入口也是应用携带的文本：注销账号、账号注销、注销须知、Delete account，或指向注销的 URL、接口路径。在字符串索引读取的所有位置（各语言资源、布局、DEX 字符串、含内置 H5/JS 和政策的 assets、原生库）都不存在，这一结论是可靠的，因此为 FAIL。若该"不存在"不可信则为待复核：WebView 壳（页面在远端）、加固代码、界面文本位于索引未读取的文件中（Xamarin、Unity、Cocos），或文本因大小限制被截断。',
      },
      fix: {
        en: 'Add 注销账号 to the account or settings screen, with a notice of the consequences (注销须知), no conditions beyond identity verification the account already uses, and completion within 15 working days.',
        zh: '在账号或设置页面增加"注销账号"，附注销须知，不设置账号既有身份验证以外的条件，并在 15 个工作日内完成注销。',
      },
    },
    manualCheck: {
      en: 'Log in and look for account deletion (settings, account and security, the remote pages of the app); delete a test account and check it cannot log in again.',
      zh: '登录后查找注销账号入口（设置、账号与安全、应用的远端页面）；注销测试账号，确认无法再次登录。',
    },
    messages: {
      none: {
        en: 'the app has accounts ({{login}}) but no way to delete one: no account-deletion text, URL or API route in {{sources}}',
        zh: '应用有账号（{{login}}），但没有注销账号的途径：{{sources}}中没有注销相关的文本、URL 或接口路径',
      },
      blind: {
        en: 'the app has accounts ({{login}}) and no account-deletion text, URL or API route was found in {{sources}}, but {{why}}; the deletion page may be there',
        zh: '应用有账号（{{login}}），{{sources}}中未找到注销相关的文本、URL 或接口路径，但{{why}}；注销页面可能在那里',
      },
    },
  },
  run({ facts, report, options }) {
    const lang = options.lang;
    const login = loginEvidence(facts);
    if (facts.strings === undefined || login === undefined || deletion(facts).present) return;
    const data = { login: login.summary[lang], sources: SOURCES[lang] };
    const blind = textBlindSpot(facts);
    if (blind !== undefined) {
      report({ messageId: 'blind', verdict: 'review', data: { ...data, why: blind.why[lang] }, evidence: [...login.evidence, ...blind.evidence].slice(0, MAX_EVIDENCE) });
    } else {
      report({ messageId: 'none', verdict: 'fail', data, evidence: login.evidence.slice(0, MAX_EVIDENCE) });
    }
  },
});

const deletionConditions = defineCheck({
  meta: {
    id: 'c07/deletion-conditions',
    title: { en: 'Account deletion with unreasonable conditions', zh: '注销账号设置不合理条件' },
    verdicts: ['warn'],
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: '认定方法 六.2 (unnecessary or unreasonable conditions for deleting the account); a 2026 CAC draft would bar demanding face scans or ID photos for deletion. The signal is DELETE_CONDITIONS text (手持身份证, 身份证照片, 人脸识别, 刷脸, 余额为零, 结清…) near deletion text: in the same string, within a few lines of the same layout, or within 200 characters of a bundled document. The same words elsewhere (face login, real-name checks for payment) are not reported. WARN: a condition may be legally required (outstanding loans, for example).',
        zh: '《认定方法》六.2（为注销账号设置不必要或不合理的条件）；2026 年网信办征求意见稿拟禁止以刷脸或身份证照片作为注销条件。信号是注销文本附近的条件文本（手持身份证、身份证照片、人脸识别、刷脸、余额为零、结清等）：同一字符串内、同一布局相邻几行内，或内置文档中 200 字以内。其他位置的同类词（刷脸登录、支付实名）不报告。结论为 WARN：某些条件可能有法定依据（如未结清的借款）。',
      },
      fix: {
        en: 'Verify identity for deletion the way the account is used (password, SMS code); drop ID photos, face scans and balance conditions, or state the legal basis for any that remain.',
        zh: '以账号日常使用的方式（密码、短信验证码）验证注销身份；取消身份证照片、刷脸、余额等条件，确需保留的应说明法定依据。',
      },
    },
    messages: {
      conditions: {
        en: 'account deletion is tied to conditions: {{conditions}}',
        zh: '注销账号附带条件：{{conditions}}',
      },
    },
  },
  run({ facts, report, options }) {
    const near = nearHits(facts, 'DELETE_CONDITIONS', 'DELETE');
    if (near.length === 0) return;
    const sorted = [...near].sort((a, b) => originRank(a.hit) - originRank(b.hit));
    const conditions = [...new Set(sorted.map((n) => `"${n.hit.term}"`))].join(options.lang === 'zh' ? '、' : ', ');
    // One piece of evidence per place: a notice naming three conditions is one notice.
    const places = new Map<string, (typeof sorted)[number]>();
    for (const n of sorted) {
      const key = JSON.stringify(n.hit.location);
      if (!places.has(key)) places.set(key, n);
    }
    report({ messageId: 'conditions', verdict: 'warn', data: { conditions }, evidence: [...places.values()].slice(0, MAX_EVIDENCE).map((n) => textEvidence(facts, n.hit, n.excerpt)) });
  },
});

const noDeletionTiming = defineCheck({
  meta: {
    id: 'c07/no-deletion-timing',
    title: { en: 'Account deletion without a completion time', zh: '注销账号未承诺完成时限' },
    verdicts: ['review'],
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: '认定方法 六.3 (deletion must complete within 15 working days). The app offers deletion but no TIMING commitment (15个工作日, 十五个工作日, 15 working days) sits in a bundled policy or next to words about requests. The commitment may be on a remote page, hence review.',
        zh: '《认定方法》六.3（注销应在 15 个工作日内完成）。应用提供注销，但内置政策中或请求相关文字旁没有时限承诺（15个工作日、十五个工作日、15 working days）。承诺可能在远端页面上，因此为待复核。',
      },
      fix: {
        en: 'State on the deletion page and in the privacy policy that deletion completes within 15 working days, and make the back end do so.',
        zh: '在注销页面和隐私政策中写明注销将在 15 个工作日内完成，并确保后台按时完成。',
      },
    },
    manualCheck: {
      en: 'Open the deletion page and the privacy policy (bundled or remote) and look for a completion time of at most 15 working days; delete a test account and check it is gone within that time.',
      zh: '打开注销页面和隐私政策（内置或远端）查找不超过 15 个工作日的完成时限；注销测试账号，确认在时限内完成。',
    },
    messages: {
      missing: {
        en: 'the app offers account deletion ({{where}}) but commits to no completion time (15 working days) in {{sources}}',
        zh: '应用提供注销账号（{{where}}），但{{sources}}中没有完成时限（15 个工作日）的承诺',
      },
    },
  },
  run({ facts, report, options }) {
    const strings = facts.strings;
    if (strings === undefined || timingCommitments(facts).length > 0 || strings.stats.capped.includes('TIMING')) return;
    const d = deletion(facts);
    const evidence = deletionEvidence(facts, d);
    if (!d.present || evidence.length === 0) return;
    const ident = d.sites[0];
    const where = [...new Set([...d.hits.map((h) => `"${h.term}"`), ...d.urls.map((u) => u.value), ...(ident === undefined ? [] : [`"${ident.unit.dex.string(ident.ref)}"`])])].slice(0, 3);
    report({ messageId: 'missing', verdict: 'review', data: { where: where.join(options.lang === 'zh' ? '、' : ', '), sources: SOURCES[options.lang] }, evidence });
  },
});

// ---- sensitive personal information left on the device -----------------------------------------

interface SensitiveKind {
  id: string;
  en: string;
  zh: string;
  /** Tested on the key split into lower-case words joined by `_` (`userIdCard` → `user_id_card`). */
  re: RegExp;
}

/** PIPL Art. 28 sensitive PI as apps name it in keys and columns (pinyin included). */
const SENSITIVE: readonly SensitiveKind[] = [
  { id: 'id-card', en: 'ID card number', zh: '身份证号', re: /(^|_)(id_?card(_?(no|num|number))?|id_?(no|num|number)|identity_?(card|no|number)|cert_?(no|num|number)|sfz(_?hm)?|shen_?fen_?zheng)(_|$)/ },
  { id: 'real-name', en: 'real name', zh: '真实姓名', re: /(^|_)(real_?name|true_?name|xing_?ming|zsxm)(_|$)/ },
  { id: 'face', en: 'face data', zh: '人脸信息', re: /(^|_)face(_?(img|image|photo|pic|data|feature|features|template|token|base64))?$|(^|_)face_?(img|image|photo|pic|data|feature|features|template|token|base64)(_|$)/ },
  { id: 'bank-card', en: 'bank card number', zh: '银行卡号', re: /(^|_)bank_?card(_?(no|num|number))?(_|$)/ },
];

/** The sensitive kind a storage key or column names, if any. */
function sensitiveKind(key: string): SensitiveKind | undefined {
  if (key.length === 0 || key.length > 64 || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(key)) return undefined;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .join('_');
  return SENSITIVE.find((k) => k.re.test(words));
}

const EDITOR = 'Landroid/content/SharedPreferences$Editor;';
const MMKV = 'Lcom/tencent/mmkv/MMKV;';
const PUTS: readonly [string, readonly string[]][] = [
  [EDITOR, ['putString', 'putStringSet', 'putInt', 'putLong', 'putBoolean', 'putFloat']],
  [MMKV, ['encode', 'putString', 'putStringSet', 'putInt', 'putLong', 'putBoolean', 'putFloat', 'putBytes']],
];
const REMOVES: readonly [string, string][] = [
  [EDITOR, 'remove'],
  [MMKV, 'removeValueForKey'],
  [MMKV, 'remove'],
];
const CLEARS: readonly [string, string][] = [
  [EDITOR, 'clear'],
  [MMKV, 'clearAll'],
  [MMKV, 'clear'],
  // The keys are in an array built elsewhere: assume they include these.
  [MMKV, 'removeValuesForKeys'],
];

const CONTEXT = 'Landroid/content/Context;';

/** Flow events per method, computed once per check run (a method often holds several puts). */
function flowCache(facts: AppFacts): (site: CodeSite) => FlowEvent | undefined {
  const byMethod = new Map<string, FlowEvent[]>();
  return (site) => {
    const key = `${site.unit.index}:${site.caller}`;
    let events = byMethod.get(key);
    if (events === undefined) {
      events = flowAt(facts, site);
      byMethod.set(key, events);
    }
    return events.find((e) => e.pc === site.pc);
  };
}

/** Calls of a Context method through any Context subclass (`LMainActivity;->deleteDatabase`). */
function contextCalls(facts: AppFacts, name: string): CodeSite[] {
  const code = facts.code;
  return code === undefined ? [] : code.invokesOfName(name, (c) => c === CONTEXT || code.isA(c, CONTEXT));
}

interface Stored {
  kind: SensitiveKind;
  key: string;
  site: CodeSite;
}

/** Preference/MMKV keys naming sensitive PI that are written and never removed or cleared. */
function residualPreferences(facts: AppFacts): Stored[] {
  const code = facts.code;
  if (code === undefined) return [];
  const at = flowCache(facts);
  const stored: Stored[] = [];
  for (const [cls, names] of PUTS) {
    for (const name of names) {
      for (const site of code.invokesOf(cls, name)) {
        // Only methods that hold a sensitive const-string can put one.
        if (!code.stringsInMethod(site).some((s) => sensitiveKind(s) !== undefined)) continue;
        const key = constOf(at(site)?.args[1]);
        const kind = typeof key === 'string' ? sensitiveKind(key) : undefined;
        if (kind !== undefined && typeof key === 'string') stored.push({ kind, key, site });
      }
    }
  }
  if (stored.length === 0) return [];
  const firstParty = (s: CodeSite): boolean => facts.ownerOfClass(descriptorToClassName(code.callerClass(s))).kind !== 'sdk';
  if (CLEARS.some(([cls, name]) => code.invokesOf(cls, name).some(firstParty)) || contextCalls(facts, 'deleteSharedPreferences').length > 0) return [];
  const removed = new Set<string>();
  for (const [cls, name] of REMOVES) {
    for (const site of code.invokesOf(cls, name)) {
      const key = constOf(at(site)?.args[1]);
      if (typeof key === 'string') removed.add(key);
    }
  }
  return stored.filter((s) => !removed.has(s.key));
}

const CREATE_TABLE = /^\s*create\s+table\s+(?:if\s+not\s+exists\s+)?[`"[]?(\w+)[`"\]]?\s*\(([\s\S]*)\)\s*;?\s*$/i;

interface StoredTable {
  table: string;
  columns: { name: string; kind: SensitiveKind }[];
  site: CodeSite;
}

/**
 * SQLite tables (hand-written or Room-generated CREATE TABLE strings) with columns naming
 * sensitive PI, whose rows nothing deletes: no deleteDatabase, no Room clearAllTables, no
 * DELETE FROM / DROP TABLE string and no SQLiteDatabase.delete on the table.
 */
function residualTables(facts: AppFacts): StoredTable[] {
  const code = facts.code;
  if (code === undefined) return [];
  const tables = new Map<string, StoredTable>();
  for (const site of code.constStringSites((s) => s.length < 4096 && /^\s*create\s+table/i.test(s))) {
    const m = CREATE_TABLE.exec(site.unit.dex.string(site.ref));
    if (m === null) continue;
    const table = (m[1] as string).toLowerCase();
    const columns = (m[2] as string)
      .split(',')
      .map((c) => /^\s*[`"[]?(\w+)/.exec(c)?.[1] ?? '')
      .flatMap((name) => {
        const kind = sensitiveKind(name);
        return kind === undefined ? [] : [{ name, kind }];
      });
    if (columns.length > 0 && !tables.has(table)) tables.set(table, { table, columns, site });
  }
  if (tables.size === 0) return [];
  if (contextCalls(facts, 'deleteDatabase').length > 0 || code.invokesOfName('clearAllTables', () => true).length > 0) return [];
  const emptied = new Set<string>();
  for (const site of code.constStringSites((s) => s.length < 4096 && /^\s*(delete\s+from|drop\s+table)\s/i.test(s))) {
    const t = /^\s*(?:delete\s+from|drop\s+table(?:\s+if\s+exists)?)\s+[`"[]?(\w+)/i.exec(site.unit.dex.string(site.ref))?.[1];
    if (t !== undefined) emptied.add(t.toLowerCase());
  }
  const at = flowCache(facts);
  for (const site of code.invokesOf('Landroid/database/sqlite/SQLiteDatabase;', 'delete')) {
    const t = constOf(at(site)?.args[1]);
    if (typeof t === 'string') emptied.add(t.toLowerCase());
  }
  return [...tables.values()].filter((t) => !emptied.has(t.table));
}

const localResidue = defineCheck({
  meta: {
    id: 'c07/local-residue',
    title: { en: 'Sensitive personal information kept on the device with nothing that clears it', zh: '敏感个人信息存于本机且无清除逻辑' },
    verdicts: ['review'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'Pledge clause 7 (no storing of sensitive PI after the account is deleted); 认定方法 六.4; PIPL Arts. 28 and 47. Retention on servers is invisible to static analysis; what an APK shows is local residue: SharedPreferences or MMKV keys (written with a constant key) and SQLite columns (CREATE TABLE strings, Room included) that name sensitive PI — ID card number, real name, face data, bank card — when no code clears them (Editor.clear or remove of the key, deleteSharedPreferences, MMKV clearAll or removeValueForKey; deleteDatabase, Room clearAllTables, DELETE FROM or DROP TABLE of the table, SQLiteDatabase.delete). Whether a clearing call runs on logout and deletion is runtime behaviour, so this is review either way; a present clearing call keeps it silent.',
        zh: '承诺第七条（注销后不存储敏感个人信息）；《认定方法》六.4；《个人信息保护法》第二十八、四十七条。服务端留存无法静态分析；APK 能显示的是本地残留：以常量键写入的 SharedPreferences 或 MMKV 键、SQLite 列（CREATE TABLE 字符串，含 Room）中命名敏感个人信息的项——身份证号、真实姓名、人脸信息、银行卡号——且没有任何清除代码（Editor.clear 或 remove 该键、deleteSharedPreferences、MMKV clearAll 或 removeValueForKey；deleteDatabase、Room clearAllTables、对该表的 DELETE FROM 或 DROP TABLE、SQLiteDatabase.delete）。清除代码是否在退出登录和注销时执行属于运行时行为，因此结论总是待复核；存在清除调用时不报告。',
      },
      fix: {
        en: 'Do not keep ID numbers, real names or face data on the device after verification; if they must be cached, encrypt them and clear them (Editor.remove/clear, deleteDatabase) on logout and on account deletion.',
        zh: '完成验证后不在本机保存身份证号、真实姓名或人脸信息；确需缓存的应加密，并在退出登录和注销账号时清除（Editor.remove/clear、deleteDatabase）。',
      },
    },
    manualCheck: {
      en: 'On a rooted or debuggable test device: log in, complete real-name verification, then delete the account (and separately log out), and inspect /data/data/<package>/shared_prefs, files/mmkv and databases for the listed keys and columns.',
      zh: '在已 root 或可调试的测试设备上：登录并完成实名认证，然后注销账号（另测退出登录），检查 /data/data/<包名>/shared_prefs、files/mmkv 和 databases 中是否仍有所列的键和列。',
    },
    messages: {
      preferences: {
        en: '{{kinds}} stored on the device under SharedPreferences/MMKV keys {{keys}}, and no code clears them (no Editor.clear or remove of these keys, no deleteSharedPreferences, no MMKV clearAll)',
        zh: '{{kinds}}以 SharedPreferences/MMKV 键 {{keys}} 存于本机，且没有任何清除代码（无 Editor.clear 或对这些键的 remove、无 deleteSharedPreferences、无 MMKV clearAll）',
      },
      database: {
        en: '{{kinds}} stored in database table {{table}} (columns {{columns}}), and no code deletes them (no deleteDatabase, clearAllTables, DELETE FROM or DROP TABLE of the table)',
        zh: '{{kinds}}存于数据库表 {{table}}（列 {{columns}}），且没有任何删除代码（无 deleteDatabase、clearAllTables，无对该表的 DELETE FROM 或 DROP TABLE）',
      },
    },
  },
  run({ facts, report, options }) {
    const lang = options.lang;
    const sep = lang === 'zh' ? '、' : ', ';
    const label = (kinds: readonly SensitiveKind[]): string => [...new Set(kinds.map((k) => k[lang]))].join(sep);
    const prefs = residualPreferences(facts);
    if (prefs.length > 0) {
      const keys = [...new Set(prefs.map((p) => `"${p.key}"`))].join(sep);
      report({ messageId: 'preferences', verdict: 'review', data: { kinds: label(prefs.map((p) => p.kind)), keys }, evidence: prefs.slice(0, MAX_EVIDENCE).map((p) => siteEvidence(facts, p.site, `key "${p.key}" (${p.kind.en})`)) });
    }
    for (const t of residualTables(facts)) {
      report({
        messageId: 'database',
        verdict: 'review',
        data: { kinds: label(t.columns.map((c) => c.kind)), table: t.table, columns: t.columns.map((c) => c.name).join(sep) },
        evidence: [siteEvidence(facts, t.site, `CREATE TABLE ${t.table}`)],
      });
    }
  },
});

export default defineClause({
  clause: 7,
  slug: 'account-deletion',
  title: {
    zh: '为用户注销账户提供便捷的方式，用户账户注销后不存储和处理其敏感个人信息',
    en: 'A convenient way to delete the account; no sensitive personal information kept after deletion',
  },
  pledge: '为用户注销账户提供便捷的方式，用户账户注销后不存储和处理其敏感个人信息。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  checks: [noAccountDeletion, deletionConditions, noDeletionTiming, localResidue],
  // Whether the operator stops storing and processing after deletion happens on its servers.
  neverPasses: {
    code: 'server-side:deletion',
    message: {
      en: 'whether sensitive personal information is still stored or processed after an account is deleted is decided on the servers: an APK can show the deletion entry and data left on the device, never the retention itself',
      zh: '账号注销后是否仍存储或处理敏感个人信息由服务端决定：APK 只能显示注销入口和本机残留数据，无法证明服务端的留存情况',
    },
  },
  manualChecks: [
    {
      en: 'Create an account, then delete it in the app: no unreasonable conditions (ID photo, face scan, zero balance), completion within 15 working days, and the account cannot be recovered afterwards.',
      zh: '注册账号后在应用内注销：不得设置不合理条件（手持身份证、刷脸、余额为零等），15 个工作日内完成，注销后无法恢复。',
    },
  ],
});
