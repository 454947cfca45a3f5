import { defineCheck, defineClause } from '../src/engine/types.js';
import { kindLabel, MAX_EVIDENCE, useEvidence } from './lib/code.js';
import { manifestEvidence } from './lib/evidence.js';
import { MARKETING, sdkEvidence, sdkName } from './lib/sdk.js';
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

export default defineClause({
  clause: 4,
  slug: 'sensitive-marketing',
  title: {
    zh: '未经用户单独同意，不利用敏感个人信息进行线上精准营销和线下推销',
    en: 'No precision marketing with sensitive personal information without separate consent',
  },
  pledge: '未经用户单独同意，不利用敏感个人信息进行线上精准营销和线下推销。',
  requires: ['manifest', 'dex', 'resources', 'assets'],
  checks: [sdkSensitivePi, faceSdk, smsMarketing],
  manualChecks: [
    {
      en: 'Check that sensitive information (location, contacts, face data) is asked for with a separate consent, that a non-personalised option exists for ads and recommendations, and that declining it does not block basic functions.',
      zh: '确认敏感个人信息（位置、通讯录、人脸）有单独同意弹窗，广告与推荐提供非个性化选项，且拒绝不影响基本功能。',
    },
  ],
});
