import { defineCheck, defineClause } from '../src/engine/legacy.js';
import { groupBy, kindLabel, MAX_EVIDENCE, useEvidence } from './lib/code.js';
import { hasText, SOURCES, textEvidence } from './lib/text.js';
import { piKindInfo } from '../src/facts/pi-table.js';
import { sdkDisplayName, type AppFacts } from '../src/facts/app-facts.js';
import type { ApiUse } from '../src/facts/api-uses.js';
import { manifestEvidence } from './lib/evidence.js';
import { ADS_ANALYTICS, MARKETING, sdkEvidence, sdkName } from './lib/sdk.js';
import { reachEvidence } from './lib/reach.js';

/** Sensitive PI (PIPL Art. 28) and the app list, as CLAUSES.md clause 4 names them. */
const SENSITIVE_FOR_MARKETING = ['LOCATION', 'CONTACTS', 'APPLIST', 'SMS', 'CALL_LOG'];

const sdkSensitivePi = defineCheck({
  meta: {
    id: 'c04/marketing-sdk-sensitive-pi',
    title: { en: 'Marketing SDK reads sensitive personal information', zh: '营销类 SDK 读取敏感个人信息' },
    verdicts: ['fail', 'warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 29 (separate consent for sensitive PI) and Art. 23 (separate consent to give PI to another processor); 认定方法 五.1 (PI provided to third parties through embedded code). An ads, attribution, analytics or push SDK that reads location, contacts, the app list or messages is likely to share them with its vendor.',
        zh: '《个人信息保护法》第二十九条（处理敏感个人信息需单独同意）、第二十三条（向他人提供需单独同意）；《认定方法》五.1（通过嵌入的第三方代码向他人提供）。广告、归因、统计或推送 SDK 读取位置、通讯录、应用列表或短信，很可能将其提供给 SDK 厂商。',
      },
      fix: {
        en: 'Turn off the SDK\'s collection of these items (vendor switches), or obtain separate consent naming the SDK and the items before initialising it.',
        zh: '关闭 SDK 对这些信息的收集（厂商开关），或在初始化前取得列明该 SDK 及所收集信息的单独同意。',
      },
    },
    messages: {
      reads: {
        en: '{{sdk}} ({{category}}) reads {{kinds}} inside its own code',
        zh: '{{sdk}}（{{category}}）在其代码中读取{{kinds}}',
      },
      beforeConsent: {
        en: '{{sdk}} ({{category}}) reads {{kinds}} on startup with no consent gate on the path',
        zh: '{{sdk}}（{{category}}）在启动时读取{{kinds}}，路径上没有同意判断',
      },
    },
  },
  run({ facts, report, options }) {
    for (const f of facts.sdks) {
      if (!MARKETING.has(f.record.category)) continue;
      const uses = facts.apiUses.filter((u) => u.owner.kind === 'sdk' && u.owner.id === f.record.id && SENSITIVE_FOR_MARKETING.includes(u.kind));
      if (uses.length === 0) continue;
      const kinds = [...new Set(uses.map((u) => kindLabel(u.kind, options.lang)))].join(options.lang === 'zh' ? '、' : ', ');
      // Reachable at E2 (the SDK reads it on startup, before a gate): FAIL per CLAUSES.md clause 4.
      const early = facts.reachability?.hits.filter((h) => h.what === 'pi' && !h.gated && h.use !== undefined && uses.includes(h.use)) ?? [];
      if (early.length > 0) {
        const earlyKinds = [...new Set(early.map((h) => kindLabel(h.use?.kind ?? '', options.lang)))].join(options.lang === 'zh' ? '、' : ', ');
        report({ messageId: 'beforeConsent', verdict: 'fail', data: { sdk: sdkName(f, options.lang), category: f.record.category, kinds: earlyKinds }, evidence: early.slice(0, MAX_EVIDENCE).map((h) => reachEvidence(facts, h)) });
      } else {
        report({ messageId: 'reads', verdict: 'warn', data: { sdk: sdkName(f, options.lang), category: f.record.category, kinds }, evidence: uses.slice(0, MAX_EVIDENCE).map(useEvidence) });
      }
    }
  },
});

const faceSdk = defineCheck({
  meta: {
    id: 'c04/face-recognition-sdk',
    title: { en: 'Face-recognition / biometric SDK bundled', zh: '集成人脸识别 / 生物识别 SDK' },
    verdicts: ['review'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Arts. 28–29 (biometric data is sensitive PI and needs separate consent); press summaries of the pledge add "不滥用人脸识别数据".',
        zh: '《个人信息保护法》第二十八、二十九条（生物识别信息属于敏感个人信息，需单独同意）；承诺书的新闻稿补充了"不滥用人脸识别数据"。',
      },
      fix: {
        en: 'Use face recognition only where the service needs it, with a separate consent screen, an alternative for users who decline, and local processing where possible.',
        zh: '仅在业务必需时使用人脸识别，提供单独同意界面和拒绝后的替代方式，尽量在本地处理。',
      },
    },
    manualCheck: {
      en: 'Trigger the face feature: a separate consent that names the purpose must appear first, declining must leave an alternative, and images must not be uploaded unless stated.',
      zh: '触发人脸功能：应先出现说明目的的单独同意，拒绝后应有替代方式，未经说明不得上传图像。',
    },
    messages: {
      face: {
        en: '{{sdk}} (face/biometric) is bundled: face data is sensitive personal information',
        zh: '集成了{{sdk}}（人脸/生物识别）：人脸信息属于敏感个人信息',
      },
    },
  },
  run({ facts, report, options }) {
    for (const f of facts.sdks) {
      if (f.record.category !== 'face-biometric') continue;
      report({ messageId: 'face', verdict: 'review', data: { sdk: sdkName(f, options.lang) }, evidence: sdkEvidence(facts, f) });
    }
  },
});

const smsMarketing = defineCheck({
  meta: {
    id: 'c04/sms-or-number-with-marketing-sdk',
    title: { en: 'Phone number or SMS sending next to marketing SDKs', zh: '读取本机号码或发送短信且集成营销 SDK' },
    verdicts: ['warn'],
    needs: ['dex'],
    docs: {
      basis: {
        en: 'Pledge clause 4 (no offline promotion with PI without separate consent); PIPL Art. 29. Harvesting the device number or sending SMS in an app that also carries marketing SDKs is the pattern of SMS promotion.',
        zh: '承诺第四条（未经单独同意不利用个人信息线下推销）；《个人信息保护法》第二十九条。读取本机号码或发送短信且同时集成营销 SDK，是短信营销的典型模式。',
      },
      fix: {
        en: 'Do not read the device number or send SMS from the app unless the user triggers it; send marketing messages only to users who opted in.',
        zh: '除非由用户触发，不要读取本机号码或从应用发送短信；营销短信仅发送给主动订阅的用户。',
      },
    },
    messages: {
      pattern: {
        en: '{{what}} and marketing SDKs ({{sdks}}) in the same app',
        zh: '{{what}}，且同一应用集成了营销 SDK（{{sdks}}）',
      },
    },
  },
  run({ facts, report, options }) {
    const marketing = facts.sdks.filter((f) => MARKETING.has(f.record.category));
    if (marketing.length === 0) return;
    const send = facts.apiUses.filter((u) => u.kind === 'SMS' && u.api.includes('sendTextMessage'));
    const number = facts.apiUses.filter((u) => u.kind === 'PHONE_NUMBER');
    const sendPerm = facts.manifest.usesPermissions.find((p) => p.name === 'android.permission.SEND_SMS');
    const parts: string[] = [];
    if (send.length > 0 || sendPerm !== undefined) parts.push(options.lang === 'zh' ? '发送短信' : 'sending SMS');
    if (number.length > 0) parts.push(options.lang === 'zh' ? '读取本机号码' : 'reading the device phone number');
    if (parts.length === 0) return;
    const evidence = [...send, ...number].slice(0, MAX_EVIDENCE).map(useEvidence);
    if (sendPerm !== undefined) evidence.unshift(manifestEvidence(sendPerm.path, sendPerm.name));
    report({
      messageId: 'pattern',
      verdict: 'warn',
      data: { what: parts.join(options.lang === 'zh' ? '、' : ' and '), sdks: marketing.map((f) => sdkName(f, options.lang)).join(options.lang === 'zh' ? '、' : ', ') },
      evidence,
    });
  },
});

const noPersonaliseOption = defineCheck({
  meta: {
    id: 'c04/no-personalise-option',
    title: { en: 'Ads or recommendations without a non-personalised option', zh: '广告或推荐未提供非个性化选项' },
    verdicts: ['warn'],
    needs: ['resources', 'dex', 'assets'],
    docs: {
      basis: {
        en: 'PIPL Art. 24 ¶2 (automated decisions for push or marketing must offer an option not based on personal characteristics, or an easy way to refuse); 认定方法 三.6 (no non-targeted option); 164号文 1.4 scenario 4. An ads, attribution, analytics or push SDK is bundled and no text of the app mentions turning personalisation off.',
        zh: '《个人信息保护法》第二十四条第二款（通过自动化决策进行信息推送、商业营销，应同时提供不针对其个人特征的选项或便捷的拒绝方式）；《认定方法》三.6（未提供非定向推送选项）；164号文 1.4 场景4。应用集成了广告、归因、统计或推送 SDK，而应用文本中没有关闭个性化的选项。',
      },
      fix: { en: 'Add a switch such as 个性化推荐/个性化广告 in settings, off-able at any time, and honour it in every SDK (their vendor switches).', zh: '在设置中提供"个性化推荐/个性化广告"开关，可随时关闭，并在各 SDK 中生效（使用厂商提供的开关）。' },
    },
    messages: {
      none: { en: '{{sdks}} bundled, but no text in {{sources}} offers to turn personalised ads or recommendations off', zh: '集成了{{sdks}}，但{{sources}}中没有关闭个性化广告或推荐的选项' },
    },
  },
  run({ facts, report, options }) {
    if (facts.strings === undefined || hasText(facts, 'PERSONALISE')) return;
    const sdks = facts.sdks.filter((f) => MARKETING.has(f.record.category));
    if (sdks.length === 0) return;
    report({
      messageId: 'none',
      verdict: 'warn',
      data: { sdks: sdks.map((f) => sdkName(f, options.lang)).join(options.lang === 'zh' ? '、' : ', '), sources: SOURCES[options.lang] },
      evidence: sdks.flatMap((f) => sdkEvidence(facts, f).slice(0, 1)).slice(0, MAX_EVIDENCE),
    });
  },
});

const separateConsent = defineCheck({
  meta: {
    id: 'c04/separate-consent',
    title: { en: 'Sensitive personal information without a separate consent text', zh: '敏感个人信息缺少单独同意' },
    verdicts: ['review'],
    needs: ['resources', 'dex', 'assets'],
    docs: {
      basis: {
        en: 'PIPL Art. 28–29: sensitive personal information (location tracks, contacts, communications, biometrics) needs a separate consent. The app reads such data and no text mentions 单独同意 or sensitive personal information; the consent may still be a system prompt plus in-app text, so this is for review.',
        zh: '《个人信息保护法》第二十八、二十九条：敏感个人信息（行踪轨迹、通讯录、通信内容、生物识别等）需取得单独同意。应用读取此类信息，而文本中没有"单独同意"或"敏感个人信息"的说明；同意也可能由系统弹窗加应用内文字构成，因此需人工复核。',
      },
      fix: { en: 'Before reading each kind of sensitive information, show a dedicated consent that names it and its purpose, separate from the privacy policy.', zh: '在读取每类敏感个人信息之前，单独弹出写明信息种类与用途的同意，不与隐私政策合并。' },
    },
    manualCheck: {
      en: 'Trigger each feature that reads the listed information and check a separate consent (not just the system permission dialog) names the information and its purpose.',
      zh: '逐一触发读取所列信息的功能，检查是否有写明信息及用途的单独同意（而非仅系统权限弹窗）。',
    },
    messages: {
      missing: { en: 'reads sensitive personal information ({{kinds}}); no text mentions a separate consent or sensitive personal information', zh: '读取敏感个人信息（{{kinds}}），但没有任何文本提及单独同意或敏感个人信息' },
    },
  },
  run({ facts, report, options }) {
    if (facts.strings === undefined || hasText(facts, 'SEPARATE')) return;
    const uses = facts.apiUses.filter((u) => piKindInfo(u.kind)?.sensitive === true);
    if (uses.length === 0) return;
    const byKind = groupBy(uses, (u) => u.kind);
    report({
      messageId: 'missing',
      verdict: 'review',
      data: { kinds: [...byKind.keys()].map((k) => kindLabel(k, options.lang)).join(options.lang === 'zh' ? '、' : ', ') },
      evidence: [...byKind.values()].map((g) => useEvidence(g[0] as ApiUse)).slice(0, MAX_EVIDENCE),
    });
  },
});

const thirdPartyEndpoints = defineCheck({
  meta: {
    id: 'c04/third-party-endpoints',
    title: { en: 'Endpoints of ad and tracking vendors in the app', zh: '应用中含广告与追踪厂商的接口地址' },
    verdicts: ['review'],
    needs: ['resources', 'dex', 'assets'],
    docs: {
      basis: {
        en: 'PIPL Art. 23 (separate consent to provide personal information to another processor); 认定方法 五.1 (provided to third parties through embedded code). URLs whose host belongs to an ads, attribution or analytics vendor (the Exodus network signatures in the SDK catalogue) are where data can leave for that vendor.',
        zh: '《个人信息保护法》第二十三条（向他人提供个人信息需单独同意）；《认定方法》五.1（通过嵌入的第三方代码向他人提供）。主机属于广告、归因或统计厂商的 URL（SDK 目录中的 Exodus 网络特征）即数据可能流向该厂商之处。',
      },
      fix: { en: 'Name each vendor, its purpose and the data sent in the privacy policy\'s third-party list, and send personal information only after a separate consent.', zh: '在隐私政策的第三方清单中写明各厂商、目的及发送的数据，并在取得单独同意后才发送个人信息。' },
    },
    manualCheck: {
      en: 'Capture the app\'s traffic (e.g. with a proxy) from first launch and check which of these hosts receive identifiers, location or the app list, and whether before consent.',
      zh: '从首次启动开始抓包（如使用代理），检查这些主机是否收到标识符、位置或应用列表，以及是否发生在同意之前。',
    },
    messages: {
      hosts: { en: '{{count}} endpoint(s) of {{vendors}}: {{hosts}}', zh: '{{vendors}}的 {{count}} 个接口：{{hosts}}' },
    },
  },
  run({ facts, report, options }) {
    const urls = facts.strings?.urls() ?? [];
    if (urls.length === 0) return;
    const vendors = vendorMatchers(facts);
    const byVendor = new Map<string, { name: string; hits: (typeof urls)[number][] }>();
    for (const u of urls) {
      const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(u.value)?.[1]?.toLowerCase();
      if (host === undefined) continue;
      const v = vendors.of(host);
      if (v === undefined) continue;
      const entry = byVendor.get(v.id) ?? { name: v.name[options.lang] ?? v.name.en, hits: [] };
      entry.hits.push(u);
      byVendor.set(v.id, entry);
    }
    for (const { name, hits } of byVendor.values()) {
      const hosts = [...new Set(hits.map((h) => /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(h.value)?.[1] ?? h.value))];
      report({ messageId: 'hosts', verdict: 'review', data: { count: hits.length, vendors: name, hosts: hosts.slice(0, 5).join(', ') }, evidence: hits.slice(0, MAX_EVIDENCE).map(textEvidence) });
    }
  },
});

interface Vendor {
  id: string;
  name: { en: string; zh?: string };
}

/** Which ad/tracker vendor a host belongs to: literal domains by suffix, the rest by regex. */
interface VendorIndex {
  of(host: string): Vendor | undefined;
}

let vendorCache: VendorIndex | undefined;

/**
 * Host signatures (Exodus network signatures) of the catalogue's ads, attribution and analytics
 * SDKs. Most are a domain written as a regex (`\\.umeng\\.com`, `.*\\.jiguang\\.cn`): those become
 * a suffix table, so a URL costs one lookup per label instead of hundreds of regex tests; the few
 * real patterns (`mt[0-9]*\\.google\\.cn`) stay regexes, searched in the host as Exodus does.
 */
function vendorMatchers(facts: AppFacts): VendorIndex {
  if (vendorCache !== undefined) return vendorCache;
  const bySuffix = new Map<string, Vendor>();
  const patterns: { re: RegExp; vendor: Vendor }[] = [];
  for (const s of facts.catalogue.sdks) {
    if (!ADS_ANALYTICS.has(s.category)) continue;
    const vendor: Vendor = { id: s.id, name: { en: sdkDisplayName(s), ...(s.name.zh === undefined ? {} : { zh: s.name.zh }) } };
    for (const sig of s.network) {
      const literal = sig.replace(/^(\.\*)?(\\)?\.?/, '').replace(/\\([.-])/g, '$1').toLowerCase();
      if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(literal)) {
        if (!bySuffix.has(literal)) bySuffix.set(literal, vendor);
        continue;
      }
      try {
        patterns.push({ re: new RegExp(sig, 'i'), vendor });
      } catch {
        // A signature that is not a valid JavaScript regex is skipped rather than guessed at.
      }
    }
  }
  vendorCache = {
    of(host) {
      for (let i = -1; i < host.length; i = host.indexOf('.', i + 1)) {
        const hit = bySuffix.get(host.slice(i + 1));
        if (hit !== undefined) return hit;
        if (host.indexOf('.', i + 1) < 0) break;
      }
      return patterns.find((p) => p.re.test(host))?.vendor;
    },
  };
  return vendorCache;
}

export default defineClause({
  clause: 4,
  slug: 'sensitive-marketing',
  title: {
    zh: '未经用户单独同意，不利用敏感个人信息进行线上精准营销和线下推销',
    en: 'No precision marketing with sensitive personal information without separate consent',
  },
  pledge: '未经用户单独同意，不利用敏感个人信息进行线上精准营销和线下推销。',
  requires: ['manifest', 'dex', 'resources', 'assets'],
  checks: [sdkSensitivePi, noPersonaliseOption, separateConsent, thirdPartyEndpoints, faceSdk, smsMarketing],
  manualChecks: [
    {
      en: 'Check that sensitive information (location, contacts, face data) is asked for with a separate consent, that a non-personalised option exists for ads and recommendations, and that declining it does not block basic functions.',
      zh: '确认敏感个人信息（位置、通讯录、人脸）有单独同意弹窗，广告与推荐提供非个性化选项，且拒绝不影响基本功能。',
    },
  ],
});
