import { defineCheck, defineClause } from '../src/engine/legacy.js';
import { manifestEvidence } from './lib/evidence.js';
import { isDangerous, runtimeGroup } from './lib/permissions.js';
import { siteEvidence } from './lib/code.js';
import { groupsIn, indexComplete, isSimplified, policyUrls, privacyPolicyDocs, SOURCES, textEvidence } from './lib/text.js';
import { appHits, isAppText } from './lib/rights.js';
import { matchLexicon } from '../src/facts/strings/index.js';
import type { LexiconGroup } from '../src/facts/strings/types.js';
import { descriptorToClassName, type AppFacts } from '../src/facts/app-facts.js';

const legacyTargetSdk = defineCheck({
  meta: {
    id: 'c01/target-sdk-below-23',
    title: { en: 'Dangerous permissions granted at install time (targetSdk < 23)', zh: '危险权限在安装时一揽子授予（targetSdk < 23）' },
    verdicts: ['warn'],
    needs: ['manifest'],
    docs: {
      basis: {
        en: "GB/T 41391-2022 6.5 (system permissions: request at the time of use, for a stated purpose); 认定方法 四.6 and the 2023 MIIT notice (信管函〔2023〕26号): no bundled grant of several non-necessary permissions. Apps targeting API < 23 get every dangerous permission at install time.",
        zh: "GB/T 41391-2022 第6.5条（系统权限应在使用时申请并说明目的）；《认定方法》四.6 与工信部 2023 年通知（信管函〔2023〕26号）：不得一揽子申请多项非必要权限。targetSdk < 23 的应用在安装时即获得全部危险权限。",
      },
      fix: {
        en: "Raise targetSdkVersion to 23 or higher (current store rules require much higher) and request each dangerous permission at runtime, when the feature that needs it starts, with its purpose explained.",
        zh: "将 targetSdkVersion 提升至 23 以上（应用商店现行要求更高），并在相关功能启动时按需动态申请各项危险权限、说明用途。",
      },
    },
    messages: {
      legacy: {
        en: 'targetSdk {{targetSdk}} < 23: the {{count}} dangerous permissions ({{permissions}}) are granted at install without a runtime prompt, so consent cannot be asked per feature',
        zh: 'targetSdk {{targetSdk}} < 23：{{count}} 项危险权限（{{permissions}}）在安装时即被授予、无运行时弹窗，无法按功能征得同意',
      },
    },
  },
  run({ facts, report }) {
    const m = facts.manifest;
    if (m.effectiveTargetSdk >= 23) return;
    const dangerous = m.usesPermissions.filter((p) => !p.sdk23 && isDangerous(p.name));
    if (dangerous.length === 0) return;
    const names = [...new Set(dangerous.map((p) => p.name.replace(/^android\.permission\./, '')))];
    report({
      messageId: 'legacy',
      verdict: 'warn',
      data: { targetSdk: m.effectiveTargetSdk, count: names.length, permissions: names.join(', ') },
      evidence: [manifestEvidence('/manifest/uses-sdk/@android:targetSdkVersion', `targetSdkVersion=${m.targetSdk ?? `(unset; minSdk ${m.effectiveMinSdk})`}`), ...dangerous.slice(0, 9).map((p) => manifestEvidence(p.path, p.name))],
    });
  },
});

const REQUEST_HOLDERS = ['Landroid/app/Activity;', 'Landroid/app/Fragment;', 'Landroidx/fragment/app/Fragment;', 'Landroid/support/v4/app/Fragment;'];
const REQUEST_HELPERS = ['Landroidx/core/app/ActivityCompat;', 'Landroid/support/v4/app/ActivityCompat;'];

const bulkPermissionRequest = defineCheck({
  meta: {
    id: 'c01/bulk-permission-request',
    title: { en: 'Several permission groups requested at once on launch', zh: '启动时一次性申请多组权限' },
    verdicts: ['warn'],
    needs: ['manifest', 'dex'],
    docs: {
      basis: {
        en: '2023 MIIT notice (信管函〔2023〕26号): "不得要求用户一揽子同意打开多个非必要权限"; 认定方法 四.6; GB/T 41391-2022 6.5 (request a permission when the feature that needs it is used). A request from the launcher or the Application names its permissions before the user has chosen any feature.',
        zh: '工信部 2023 年通知（信管函〔2023〕26号）："不得要求用户一揽子同意打开多个非必要权限"；《认定方法》四.6；GB/T 41391-2022 第6.5条（在使用相关功能时申请权限）。启动页或 Application 中的申请发生在用户选择任何功能之前。',
      },
      fix: {
        en: 'Request each permission when the feature that needs it starts, one group at a time, after explaining its purpose.',
        zh: '在需要的功能启动时逐组申请权限，并事先说明用途。',
      },
    },
    messages: {
      bundle: {
        en: '{{cls}} requests {{count}} permission groups in one call ({{groups}}): {{permissions}}',
        zh: '{{cls}}在一次调用中申请 {{count}} 组权限（{{groups}}）：{{permissions}}',
      },
    },
  },
  run({ facts, report }) {
    const code = facts.code;
    if (code === undefined) return;
    const m = facts.manifest;
    const launcher = m.launcherActivities[0];
    const target = launcher === undefined ? undefined : (m.components.find((c) => c.kind === 'activity-alias' && c.name === launcher)?.targetActivity ?? launcher);
    const startup = [target, m.application?.className].filter((n): n is string => n !== undefined).map((n) => `L${n.replace(/\./g, '/')}`);
    // The class itself or its inner classes (a dialog callback in the launcher).
    const isStartup = (desc: string): boolean => startup.some((s) => desc === `${s};` || desc.startsWith(`${s}$`));
    const sites = code.invokesOfName('requestPermissions', (c) => REQUEST_HELPERS.includes(c) || REQUEST_HOLDERS.some((h) => code.isA(c, h)));
    const seen = new Set<string>();
    for (const site of sites) {
      const cls = code.callerClass(site);
      const caller = code.callerRef(site);
      if (!isStartup(cls) || seen.has(caller)) continue;
      seen.add(caller);
      // Permission arrays are const-strings in the calling method, or a static array built in <clinit>.
      let names = code.stringsInMethod(site).filter((n) => runtimeGroup(n) !== undefined);
      if (names.length === 0) {
        names = staticInitStrings(facts, cls).filter((n) => runtimeGroup(n) !== undefined);
      }
      const groups = [...new Set(names.map((n) => runtimeGroup(n) as string))];
      if (groups.length < 2) continue;
      const permissions = [...new Set(names.map((n) => n.replace(/^android\.permission\./, '')))];
      report({
        messageId: 'bundle',
        verdict: 'warn',
        data: { cls: descriptorToClassName(cls), count: groups.length, groups: groups.join(', '), permissions: permissions.join(', ') },
        evidence: [siteEvidence(facts, site, permissions.join(', '))],
      });
    }
  },
});

/** Const-strings of a class's static initialiser (where `static final String[] PERMS = {…}` is built). */
function staticInitStrings(facts: AppFacts, cls: string): string[] {
  const code = facts.code;
  if (code === undefined) return [];
  for (const u of code.units) {
    const hit = code.hierarchy.definingDex(cls);
    if (hit !== u.dex) continue;
    const clinit = code.hierarchy.methodsOf(cls, '<clinit>')[0];
    if (clinit === undefined) return [];
    return code.stringsInMethod({ unit: u, caller: clinit.methodIdx });
  }
  return [];
}

const STRING_SOURCES = ['resources', 'dex', 'assets', 'native'] as const;

const noPrivacyPolicy = defineCheck({
  meta: {
    id: 'c01/no-privacy-policy',
    title: { en: 'No privacy policy anywhere in the app', zh: '应用中没有隐私政策' },
    verdicts: ['fail', 'review'],
    needs: [...STRING_SOURCES],
    docs: {
      basis: {
        en: '认定方法 一.1 ("在App中没有隐私政策"); CLAUSES.md clause 1. Absence from every text the app carries (resources in every locale, layouts, code strings, assets including H5/Flutter/React Native bundles, native libraries), with no link to a policy page either, is robust to remote H5: the app does not even link to a policy.',
        zh: '《认定方法》一.1（"在App中没有隐私政策"）；CLAUSES.md 第一条。应用携带的所有文本（各语言资源、布局、代码字符串、含 H5/Flutter/React Native 包的 assets、原生库）中都没有隐私政策，也没有指向政策页面的链接——即使页面在远端，应用也至少应链接到它。',
      },
      fix: {
        en: 'Ship a privacy policy (or at least a link to it) and show it in a dialog on first launch, before any collection.',
        zh: '在应用中提供隐私政策（至少提供其链接），并在首次启动、任何收集之前以弹窗展示。',
      },
    },
    manualCheck: {
      en: 'Some text was cut at its size limit: search the full assets for a privacy policy or a link to one.',
      zh: '部分文本因超出大小限制被截断：请在完整的 assets 中查找隐私政策或其链接。',
    },
    messages: {
      none: { en: 'no privacy policy text and no link to one in {{sources}}', zh: '在{{sources}}中没有隐私政策文本，也没有其链接' },
      cut: { en: 'no privacy policy found in {{sources}}, but some text was cut at its size limit', zh: '在{{sources}}中未找到隐私政策，但部分文本因超出大小限制被截断' },
    },
  },
  run({ facts, report, options }) {
    // The app's own text: an SDK's resources or code mentioning its own policy is not the app's.
    if (facts.strings === undefined || appHits(facts, 'POLICY').present || policyUrls(facts).some((u) => isAppText(facts, u))) return;
    const complete = indexComplete(facts);
    report({ messageId: complete ? 'none' : 'cut', verdict: complete ? 'fail' : 'review', data: { sources: SOURCES[options.lang] }, evidence: [manifestEvidence('/manifest/application', 'application')] });
  },
});

const noConsentChoice = defineCheck({
  meta: {
    id: 'c01/no-consent-choice',
    title: { en: 'Privacy policy without an agree/refuse choice', zh: '隐私政策缺少"同意/不同意"选项' },
    verdicts: ['warn'],
    needs: [...STRING_SOURCES],
    docs: {
      basis: {
        en: '164号文 1.1 scenario 7 (no clear agree and refuse buttons; only "好的/我知道了"); 认定方法 三 (consent must be a real choice). The dialog may be drawn by the server, hence WARN, not FAIL.',
        zh: '164号文 1.1 场景7（未提供明确的同意与拒绝按钮，仅有"好的/我知道了"）；《认定方法》三（同意须为真实选择）。弹窗可能由服务端下发，因此为 WARN 而非 FAIL。',
      },
      fix: {
        en: 'Give the privacy dialog two explicit buttons, such as 同意 and 不同意 (or 仅浏览), and let the user use basic functions after refusing.',
        zh: '隐私弹窗提供两个明确按钮（如"同意"与"不同意"/"仅浏览"），用户拒绝后仍可使用基本功能。',
      },
    },
    messages: {
      weak: { en: 'the app carries a privacy policy, but its texts offer only an acknowledgement ({{weak}}) and no way to refuse', zh: '应用带有隐私政策，但其文本只有确认类按钮（{{weak}}），没有拒绝选项' },
      noRefuse: { en: 'the app carries a privacy policy, but no text offers a way to refuse it (不同意, 拒绝, 仅浏览…)', zh: '应用带有隐私政策，但没有任何拒绝选项的文本（不同意、拒绝、仅浏览等）' },
    },
  },
  run({ facts, report }) {
    const policies = appHits(facts, 'POLICY');
    if (facts.strings === undefined || !policies.present || appHits(facts, 'CONSENT_REFUSE').present) return;
    const policy = policies.hits[0];
    const weak = appHits(facts, 'CONSENT_WEAK').hits.filter((h) => isWholeLabel(h.snippet, h.term));
    const anchor = weak[0] ?? policy;
    if (anchor === undefined) return;
    report({
      messageId: weak.length > 0 ? 'weak' : 'noRefuse',
      verdict: 'warn',
      data: { weak: [...new Set(weak.map((h) => h.term))].join(', ') },
      evidence: [textEvidence(anchor)],
    });
  },
});

/** 好的 inside 最好的 is not a button: a weak-consent term counts only as the whole label. */
function isWholeLabel(snippet: string, term: string): boolean {
  return snippet.replace(/[\s"'“”「」]/g, '').toLowerCase() === term.replace(/\s/g, '').toLowerCase();
}

const preTicked = defineCheck({
  meta: {
    id: 'c01/pre-ticked-consent',
    title: { en: 'Consent checkbox ticked by default', zh: '默认勾选同意' },
    verdicts: ['warn'],
    needs: ['resources'],
    docs: {
      basis: {
        en: '认定方法 三.4 ("以默认选择同意隐私政策等非明示方式征求用户同意"); 164号文 1.1 scenario 8; the 2023 MIIT notice forbids default ticks. A layout that declares a consent checkbox android:checked="true" ships the default tick.',
        zh: '《认定方法》三.4（以默认选择同意隐私政策等非明示方式征求用户同意）；164号文 1.1 场景8；工信部 2023 年通知禁止默认勾选。布局中声明 android:checked="true" 的同意复选框即默认勾选。',
      },
      fix: { en: 'Leave consent checkboxes unticked (android:checked="false") and enable the next step only when the user ticks.', zh: '同意复选框默认不勾选（android:checked="false"），用户勾选后才允许继续。' },
    },
    messages: {
      ticked: { en: '{{widget}} in {{file}} is checked by default next to "{{text}}"', zh: '{{file}} 中的 {{widget}} 默认勾选，旁边文字为"{{text}}"' },
    },
  },
  run({ facts, report }) {
    for (const t of facts.strings?.checkedToggles() ?? []) {
      const texts = [t.text, ...t.siblingText].filter((x) => x !== '');
      const consent = texts.find((x) => matchLexicon(x).some((m) => m.group === 'CONSENT_READ' || m.group === 'POLICY' || (m.group === 'CONSENT_AGREE' && m.term !== '接受' && m.term !== 'accept')));
      if (consent === undefined) continue;
      const file = t.location.kind === 'file' || t.location.kind === 'resource' ? t.location.entry : '';
      report({ messageId: 'ticked', verdict: 'warn', data: { widget: t.widget, file, text: consent.slice(0, 80) }, evidence: [{ location: t.location, detail: `${t.path} android:checked="true"` }] });
    }
  },
});

const policyNotChinese = defineCheck({
  meta: {
    id: 'c01/policy-not-chinese',
    title: { en: 'Privacy policy not in Simplified Chinese', zh: '隐私政策没有简体中文版本' },
    verdicts: ['warn'],
    needs: [...STRING_SOURCES],
    docs: {
      basis: {
        en: '认定方法 一.4 (the rules are hard to read, e.g. no Simplified Chinese version). The app carries privacy-policy text, but only in English or Traditional Chinese.',
        zh: '《认定方法》一.4（收集使用规则难以阅读，如未提供简体中文版）。应用带有隐私政策文本，但只有英文或繁体中文。',
      },
      fix: { en: 'Provide the privacy policy and its dialog in Simplified Chinese (the default or zh-CN resources).', zh: '提供简体中文的隐私政策及弹窗（默认或 zh-CN 资源）。' },
    },
    messages: {
      only: { en: 'privacy-policy text found only as {{terms}}: no Simplified Chinese version', zh: '仅找到隐私政策文本 {{terms}}：没有简体中文版本' },
    },
  },
  run({ facts, report }) {
    const hits = appHits(facts, 'POLICY').hits;
    if (hits.length === 0 || hits.some((h) => h.lang === 'zh' && isSimplified(h.term))) return;
    const first = hits[0] as (typeof hits)[number];
    report({ messageId: 'only', verdict: 'warn', data: { terms: [...new Set(hits.map((h) => `"${h.term}"`))].slice(0, 5).join(', ') }, evidence: [textEvidence(first), ...hits.slice(1, 3).map(textEvidence)] });
  },
});

const SECTIONS: { key: string; en: string; zh: string; has: (g: Set<LexiconGroup>, text: string) => boolean }[] = [
  { key: 'sdks', en: 'third-party SDK list', zh: '第三方 SDK 清单', has: (g, t) => g.has('RIGHTS_LISTS') || /SDK/i.test(t) },
  { key: 'sensitive', en: 'sensitive personal information', zh: '敏感个人信息', has: (g) => g.has('SEPARATE') },
  { key: 'rights', en: 'user rights (access, correction, deletion, withdrawal)', zh: '用户权利（查阅、更正、删除、撤回）', has: (g) => g.has('RIGHTS_ACCESS') || g.has('RIGHTS_WITHDRAW') || g.has('DELETE') },
  { key: 'contact', en: 'contact or complaint channel', zh: '联系方式或投诉渠道', has: (g, t) => g.has('COMPLAINT') || /[\w.+-]+@[\w-]+\.[\w.]+/.test(t) },
];

const bundledPolicyIncomplete = defineCheck({
  meta: {
    id: 'c01/bundled-policy-incomplete',
    title: { en: 'Bundled privacy policy lacks required sections', zh: '内置隐私政策缺少必要内容' },
    verdicts: ['warn', 'review'],
    needs: ['resources', 'assets'],
    docs: {
      basis: {
        en: '认定方法 二.1 ("未逐一列出App…收集使用个人信息的目的、方式、范围等", including embedded third-party code and plug-ins); 认定方法 一 and 六.5 (contact and complaint channel). A policy shipped in assets or res/raw is checked for an SDK list, sensitive PI, user rights and a contact; a policy that is only a link is for review.',
        zh: '《认定方法》二.1（未逐一列出收集使用个人信息的目的、方式、范围等，包括嵌入的第三方代码、插件）；《认定方法》一 与 六.5（联系及投诉渠道）。对 assets 或 res/raw 中内置的政策检查是否包含 SDK 清单、敏感个人信息、用户权利和联系方式；仅有链接的政策需人工复核。',
      },
      fix: { en: 'Complete the policy: list every third-party SDK with purpose and data, mark sensitive personal information, describe how to exercise each right, and give a contact for complaints.', zh: '补全隐私政策：逐一列出第三方 SDK 及其目的和数据、标明敏感个人信息、说明各项权利的行使方式，并提供投诉联系方式。' },
    },
    manualCheck: {
      en: 'Open the policy page the app links to and check it lists every SDK (purpose, data, its own policy), marks sensitive personal information, explains each user right and gives a complaint contact.',
      zh: '打开应用链接的政策页面，检查其是否逐一列出 SDK（目的、数据、其自身政策）、标明敏感个人信息、说明各项用户权利并提供投诉联系方式。',
    },
    messages: {
      missing: { en: '{{entry}} reads as the privacy policy but has no {{missing}}', zh: '{{entry}} 为隐私政策，但缺少{{missing}}' },
      remote: { en: 'the privacy policy is only linked ({{url}}): its content is on a server', zh: '隐私政策仅以链接提供（{{url}}）：内容在服务端' },
    },
  },
  run({ facts, report, options }) {
    const docs = privacyPolicyDocs(facts);
    if (docs.length === 0) {
      const url = policyUrls(facts)[0];
      if (url !== undefined) report({ messageId: 'remote', verdict: 'review', data: { url: url.value }, evidence: [textEvidence(url)] });
      return;
    }
    for (const d of docs) {
      const groups = groupsIn(d);
      const missing = SECTIONS.filter((sec) => !sec.has(groups, d.text));
      if (missing.length === 0) continue;
      report({ messageId: 'missing', verdict: 'warn', data: { entry: d.entry, missing: missing.map((m) => m[options.lang]).join(options.lang === 'zh' ? '、' : ', ') }, evidence: [{ location: d.location, detail: d.text.slice(0, 120) }] });
    }
  },
});

export default defineClause({
  clause: 1,
  slug: 'lawful',
  title: {
    zh: '严格遵守国家法律、法规及相关政策，切实加强个人信息保护的合规建设',
    en: 'Obey laws, regulations and policies; build personal-information compliance',
  },
  pledge: '严格遵守国家法律、法规及相关政策，切实加强个人信息保护的合规建设。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  // CLAUSES.md clause 1: PASS only with a policy, a consent choice and no FAIL in clauses 2, 7, 10.
  passOnlyWithout: {
    clauses: [2, 7, 10],
    note: {
      code: 'umbrella-failures',
      message: { en: 'the compliance system lets failures of other clauses through', zh: '合规体系未能阻止其他条款的不通过项' },
    },
  },
  checks: [noPrivacyPolicy, noConsentChoice, preTicked, policyNotChinese, bundledPolicyIncomplete, legacyTargetSdk, bulkPermissionRequest],
  manualChecks: [
    {
      en: 'Open the app on a clean install: a privacy-policy dialog must appear before any data is collected, with distinct Agree and Disagree buttons, the policy reachable within 4 taps, in Simplified Chinese.',
      zh: '全新安装后打开应用：在收集任何信息前应弹出隐私政策，提供"同意"与"不同意"按钮，政策在 4 次点击内可达，且为简体中文。',
    },
  ],
});
