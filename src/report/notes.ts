import type { Lang, Localized, MessageData, MessageRef } from '../model/index.js';
import { formatTemplate } from './messages.js';

/**
 * The words of coverage notes (what could not be analysed, and why a clause cannot pass) and of
 * evidence notes (remarks on one piece of evidence), by code. Codes are stable: reports, batch
 * stores and baselines key on them. A code may carry a suffix (`not-analysed:dex`,
 * `incomplete:packer:jiagu360`): the longest catalogue key it starts with is its template.
 */
export const COVERAGE_NOTES = {
  'not-analysed': {
    en: '{artifact:term} {state:term}',
    zh: '{artifact:term}{state:term}',
  },
  'no-checks-ran': { en: 'no automated check of this clause could run on this input', zh: '本条没有可对此输入运行的自动检查' },
  'umbrella-failures': {
    en: 'the compliance system lets failures of other clauses through (clause {clauses})',
    zh: '合规体系未能阻止其他条款的不通过项（第 {clauses} 条）',
  },
  'server-side:pricing': {
    en: 'prices are computed on servers: an APK can show the capability to discriminate, never the discrimination itself',
    zh: '价格在服务端计算：APK 只能显示"杀熟"的能力，无法证明实际存在差别定价',
  },
  'server-side:deletion': {
    en: 'whether sensitive personal information is still stored or processed after an account is deleted is decided on the servers: an APK can show the deletion entry and data left on the device, never the retention itself',
    zh: '账号注销后是否仍存储或处理敏感个人信息由服务端决定：APK 只能显示注销入口和本机残留数据，无法证明服务端的留存情况',
  },
  'ui:prominence': {
    en: 'whether the complaint channel is published prominently is a property of the UI: an APK can show where a channel is, never how easy it is to find',
    zh: '投诉渠道是否醒目公布属于界面属性：APK 只能显示渠道在哪里，无法判断是否容易找到',
  },
  'incomplete:packer': {
    en: 'packed by {packer:packer} ({where}): the real code is encrypted and was not analysed, so clauses 2, 4, 5 and 9 cannot pass',
    zh: '使用{packer:packer}加固（{where}）：真实代码已加密、未被分析，第 2、4、5、9 条不能判定为通过',
  },
  'incomplete:hybrid': {
    en: '{framework} app ({entry}): its logic lives in {logic:term}, searched for strings only, so clauses 2, 4, 5 and 9 cannot pass',
    zh: '{framework} 应用（{entry}）：业务逻辑位于{logic:term}，仅做了字符串检索，第 2、4、5、9 条不能判定为通过',
  },
  'incomplete:dynamic-code': {
    en: 'code is loaded at runtime (DexClassLoader/InMemoryDexClassLoader/DexFile.loadDex, by {owners:owner}): that code was not analysed, so clauses 2, 4, 5 and 9 cannot pass',
    zh: '运行时加载代码（DexClassLoader/InMemoryDexClassLoader/DexFile.loadDex，来自{owners:owner}）：这些代码未被分析，第 2、4、5、9 条不能判定为通过',
  },
  'incomplete:webview-shell': {
    en: "WebView shell: the launcher {activity} loads {url} and the app's own code is {classes} classes: its pages and their data collection are remote, so clauses 2, 4, 5 and 9 cannot pass",
    zh: 'WebView 壳应用：启动页 {activity} 加载 {url}，应用自身仅 {classes} 个类：页面及其数据收集在远端，第 2、4、5、9 条不能判定为通过',
  },
  'incomplete:dex-failed': {
    en: 'DEX files damaged ({entries}): what could not be read in them was not analysed, so this clause cannot pass',
    zh: 'DEX 文件损坏（{entries}）：其中无法读取的部分未被分析，本条不能判定为通过',
  },
  'incomplete:call-graph': {
    en: 'the startup call graph reached its size bound (or hit malformed code): before-consent findings may be missing, so clauses 2 and 9 cannot pass',
    zh: '启动调用图达到规模上限（或遇到损坏的代码）：同意前收集的结论可能不完整，第 2、9 条不能判定为通过',
  },
} as const satisfies Record<string, Localized>;

/** Remarks on a single piece of evidence (Evidence.note). */
export const EVIDENCE_NOTES = {
  'pi-kind': { en: '{kind:pi}', zh: '{kind:pi}' },
  'sdk-classes': { en: '{count} classes, found in {packages}', zh: '共 {count} 个类，位于 {packages}' },
  'native-library': { en: 'native library', zh: '原生库' },
  asset: { en: 'asset', zh: 'assets 文件' },
  'found-by': { en: 'found by its {how:term}', zh: '依据其{how:term}识别' },
  'component-exported': { en: 'exported, no permission', zh: '已导出，无权限保护' },
  'component-exported-permission': { en: 'exported, permission {permission}', zh: '已导出，受权限 {permission} 保护' },
  'component-not-exported': { en: 'not exported', zh: '未导出' },
  'wechat-login': { en: 'WeChat login request', zh: '微信登录请求' },
  'bundled-policy': { en: 'bundled privacy policy', zh: '内置隐私政策' },
  'policy-file': { en: 'privacy policy given with --policy', zh: '--policy 指定的隐私政策' },
  'policy-sentence': { en: 'privacy policy text', zh: '隐私政策原文' },
  // Notes of single clauses, by clause; add yours in your clause's section.
  // c01
  'target-sdk-unset': { en: 'not set: targetSdkVersion defaults to minSdkVersion ({minSdk})', zh: '未设置：targetSdkVersion 默认取 minSdkVersion（{minSdk}）' },
  // c02
  'periodic-scheduled': { en: 'where the loop is scheduled', zh: '定时任务的调度位置' },
  // c04
  // c05
  // c06–c08
  'system-permission-page': { en: 'opens the system permission page', zh: '打开系统权限页' },
  'stores-sensitive-pi': { en: 'stores {kind:term}', zh: '存储{kind:term}' },
  // c09
  // c10
  'cleartext-not-configured': { en: 'no usesCleartextTraffic and no network security config', zh: '未设置 usesCleartextTraffic，也没有网络安全配置' },
  'cleartext-not-in-base-config': { en: '{file} has no base-config cleartextTrafficPermitted', zh: '{file} 的 base-config 未设置 cleartextTrafficPermitted' },
  'backup-not-configured': { en: 'no android:allowBackup, fullBackupContent or dataExtractionRules', zh: '未设置 android:allowBackup、fullBackupContent 或 dataExtractionRules' },
  'only-instruction': { en: 'the whole method body', zh: '方法体仅此一条指令' },
  'returns-constant-true': { en: 'the method only returns the constant true', zh: '方法仅返回常量 true' },
  'method-no-branch': { en: 'in a method with no branch', zh: '所在方法没有任何分支' },
  'digest-becomes-key': { en: 'the digest becomes key material here', zh: '散列结果在此处被用作密钥材料' },
  'constant-bytes': { en: 'from a constant of {length} characters', zh: '由 {length} 个字符的常量构造' },
  'signature-schemes': { en: 'the signature schemes present', zh: '现有的签名方案' },
  'keystore-file-type': { en: 'a keystore, by its file type', zh: '依据文件类型判定为密钥库' },
} as const satisfies Record<string, Localized>;

function lookup(table: Record<string, Localized>, code: string): Localized | undefined {
  let key = code;
  for (;;) {
    const t = table[key];
    if (t !== undefined) return t;
    const colon = key.lastIndexOf(':');
    if (colon < 0) return undefined;
    key = key.slice(0, colon);
  }
}

export function formatNote(table: Record<string, Localized>, ref: { code?: string; id?: string; data?: MessageData }, lang: Lang): string {
  const code = ref.code ?? ref.id ?? '';
  const t = lookup(table, code);
  if (t === undefined) return code;
  const text = formatTemplate(t[lang], ref.data, lang);
  // The error code of an artifact that failed to decode follows the note.
  const error = ref.data?.error;
  return typeof error === 'string' ? (lang === 'zh' ? `${text}（${error}）` : `${text} (${error})`) : text;
}

export function coverageMessage(note: { code: string; data?: MessageData }): Localized {
  return { en: formatNote(COVERAGE_NOTES, note, 'en'), zh: formatNote(COVERAGE_NOTES, note, 'zh') };
}

export function evidenceNoteMessage(note: MessageRef): Localized {
  return { en: formatNote(EVIDENCE_NOTES, note, 'en'), zh: formatNote(EVIDENCE_NOTES, note, 'zh') };
}
