import { defineCheck } from '../../src/engine/check.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import { descriptorToClassName } from '../../src/facts/app-facts.js';
import type { CodeSite } from '../../src/facts/code.js';
import { MAX_EVIDENCE, siteEvidence } from '../../src/facts/evidence.js';
import { constOf, flowAt, type FlowEvent } from '../../src/facts/flow.js';

interface SensitiveKind {
  /** `sensitive:<id>` is its name in src/report/terms.ts. */
  id: string;
  /** Tested on the key split into lower-case words joined by `_` (`userIdCard` → `user_id_card`). */
  re: RegExp;
}

/** PIPL Art. 28 sensitive PI as apps name it in keys and columns (pinyin included). */
const SENSITIVE: readonly SensitiveKind[] = [
  { id: 'id-card', re: /(^|_)(id_?card(_?(no|num|number))?|id_?(no|num|number)|identity_?(card|no|number)|cert_?(no|num|number)|sfz(_?hm)?|shen_?fen_?zheng)(_|$)/ },
  { id: 'real-name', re: /(^|_)(real_?name|true_?name|xing_?ming|zsxm)(_|$)/ },
  { id: 'face', re: /(^|_)face(_?(img|image|photo|pic|data|feature|features|template|token|base64))?$|(^|_)face_?(img|image|photo|pic|data|feature|features|template|token|base64)(_|$)/ },
  { id: 'bank-card', re: /(^|_)bank_?card(_?(no|num|number))?(_|$)/ },
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

/** Term ids of the kinds, once each, in order. */
function kindTerms(kinds: readonly SensitiveKind[]): string[] {
  return [...new Set(kinds.map((k) => `sensitive:${k.id}`))];
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
  /** The put call as it appears: `SharedPreferences$Editor.putString`. */
  api: string;
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
        if (kind !== undefined && typeof key === 'string') stored.push({ kind, key, site, api: `${cls.slice(cls.lastIndexOf('/') + 1, -1)}.${name}` });
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

export default defineCheck({
  meta: {
    id: 'c07/local-residue',
    clause: 7,
    title: { en: 'Sensitive personal information kept on the device with nothing that clears it', zh: '敏感个人信息存于本机且无清除逻辑' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'referenced',
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
  },
  messages: {
    preferences: {
      en: '{kinds:term} stored on the device under SharedPreferences/MMKV keys {keys:quote}, and no code clears them (no Editor.clear or remove of these keys, no deleteSharedPreferences, no MMKV clearAll)',
      zh: '{kinds:term}以 SharedPreferences/MMKV 键 {keys:quote} 存于本机，且没有任何清除代码（无 Editor.clear 或对这些键的 remove、无 deleteSharedPreferences、无 MMKV clearAll）',
    },
    database: {
      en: '{kinds:term} stored in database table {table} (columns {columns}), and no code deletes them (no deleteDatabase, clearAllTables, DELETE FROM or DROP TABLE of the table)',
      zh: '{kinds:term}存于数据库表 {table}（列 {columns}），且没有任何删除代码（无 deleteDatabase、clearAllTables，无对该表的 DELETE FROM 或 DROP TABLE）',
    },
  },
  *check({ facts }) {
    const prefs = residualPreferences(facts);
    if (prefs.length > 0) {
      yield {
        messageId: 'preferences',
        verdict: 'review',
        data: { kinds: kindTerms(prefs.map((p) => p.kind)), keys: [...new Set(prefs.map((p) => p.key))] },
        evidence: prefs.slice(0, MAX_EVIDENCE).map((p) => ({ ...siteEvidence(facts, p.site, `${p.api} "${p.key}"`), note: { id: 'stores-sensitive-pi', data: { kind: `sensitive:${p.kind.id}` } } })),
      };
    }
    for (const t of residualTables(facts)) {
      yield {
        messageId: 'database',
        verdict: 'review',
        data: { kinds: kindTerms(t.columns.map((c) => c.kind)), table: t.table, columns: t.columns.map((c) => c.name) },
        evidence: [siteEvidence(facts, t.site, `CREATE TABLE ${t.table}`)],
      };
    }
  },
});
