import { defineCheck, defineClause } from '../src/engine/legacy.js';
import type { Evidence } from '../src/model/index.js';
import type { AppFacts } from '../src/facts/app-facts.js';
import type { SdkFinding } from '../src/facts/sdk-inventory.js';
import type { ExtractedValue, TextHit } from '../src/facts/strings/types.js';
import type { Component } from '../src/manifest/model.js';
import { MAX_EVIDENCE } from './lib/code.js';
import { manifestEvidence } from './lib/evidence.js';
import { appDocuments, appHits, byOrigin, handlesPersonalInformation, isAppText, policyAnchor, sdksOf, SOURCES, TEXT_NEEDS, textBlindSpot, textEvidence } from './lib/rights.js';
import { sdkEvidence, sdkName } from './lib/sdk.js';

/** Activities that are a feedback or complaint form by their name (pinyin included). */
const FEEDBACK_ACTIVITY = /feedback|complain|kefu|fankui|tousu|jubao|customer_?service|contact_?us|help_?center/i;

interface Channels {
  terms: TextHit[];
  emails: ExtractedValue[];
  phones: ExtractedValue[];
  sdks: readonly SdkFinding[];
  activities: Component[];
  /** Whether the index kept only the first COMPLAINT hits and all were foreign (the app's may follow). */
  capped: boolean;
}

/**
 * The app's own complaint channels: COMPLAINT terms (投诉, 举报, 个人信息保护负责人, 联系我们, 客服,
 * 意见反馈, Contact us…), e-mail addresses and phone numbers in its own text, customer-service
 * SDKs (Umeng Feedback, Meiqia, Sobot, Qiyu…) and feedback activities of its own.
 */
function channels(facts: AppFacts): Channels {
  const terms = appHits(facts, 'COMPLAINT');
  const own = (v: ExtractedValue): boolean => isAppText(facts, v);
  const docs = new Set(appDocuments(facts).map((d) => d.entry));
  // Contacts in the app's bundled policy first: that is where the pledge expects the channel.
  const inDocFirst = (vs: readonly ExtractedValue[]): ExtractedValue[] => {
    const sorted = byOrigin(vs.filter(own));
    return [...sorted.filter((v) => v.location.kind === 'file' && docs.has(v.location.entry)), ...sorted.filter((v) => !(v.location.kind === 'file' && docs.has(v.location.entry)))];
  };
  return {
    terms: byOrigin(terms.hits),
    emails: inDocFirst(facts.strings?.emails() ?? []),
    phones: inDocFirst(facts.strings?.phones() ?? []),
    sdks: sdksOf(facts, 'customer-service'),
    activities: facts.manifest.components.filter((c) => c.kind === 'activity' && FEEDBACK_ACTIVITY.test(c.name.slice(c.name.lastIndexOf('.') + 1)) && facts.ownerOfClass(c.name).kind !== 'sdk'),
    capped: terms.present && terms.hits.length === 0,
  };
}

function anyChannel(c: Channels): boolean {
  return c.capped || c.terms.length > 0 || c.emails.length > 0 || c.phones.length > 0 || c.sdks.length > 0 || c.activities.length > 0;
}

const noComplaintChannel = defineCheck({
  meta: {
    id: 'c08/no-complaint-channel',
    title: { en: 'No complaint channel for personal-information issues', zh: '没有个人信息保护投诉渠道' },
    verdicts: ['warn', 'review'],
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: '认定方法 六.5 (no published channel for personal-information complaints and reports); GB/T 35273-2020 (complaint management); PIPL Art. 50. An app that handles personal information (accounts, PI APIs or SDKs) with no COMPLAINT text (投诉, 举报, 申诉, 个人信息保护负责人, 联系我们, 客服, 意见反馈, Contact us…), no e-mail address or phone number of its own, no customer-service SDK and no feedback activity anywhere the string index reads publishes no channel. The channel may be only in a remote policy, so WARN, not FAIL; review when the index cannot see the UI text (WebView shell, packed code, unread framework files, cut text).',
        zh: '《认定方法》六.5（未建立并公布个人信息安全投诉、举报渠道）；GB/T 35273-2020（投诉管理）；《个人信息保护法》第五十条。处理个人信息的应用（有账号、调用个人信息 API 或集成 SDK），如果在字符串索引读取的所有位置都没有投诉相关文本（投诉、举报、申诉、个人信息保护负责人、联系我们、客服、意见反馈、Contact us 等），没有自身的邮箱或电话，没有客服 SDK，也没有反馈页面，即未公布渠道。渠道可能只在远端政策中，因此为 WARN 而非 FAIL；索引看不到界面文本时（WebView 壳、加固代码、未读取的框架文件、文本被截断）为待复核。',
      },
      fix: {
        en: 'Publish a personal-information complaint channel in the app (settings → about or privacy, and the privacy policy): an e-mail address or phone number of the person responsible for personal-information protection, or a complaint form, answered within 15 working days.',
        zh: '在应用内（设置 → 关于或隐私，以及隐私政策）公布个人信息保护投诉渠道：个人信息保护负责人的邮箱或电话，或投诉表单，并在 15 个工作日内答复。',
      },
    },
    manualCheck: {
      en: 'Look for a complaint channel from the main screens and the privacy policy (including remote pages): an e-mail, phone number or form for personal-information complaints.',
      zh: '从主要页面和隐私政策（含远端页面）查找个人信息投诉渠道：邮箱、电话或表单。',
    },
    messages: {
      none: {
        en: 'the app handles personal information but publishes no complaint channel: no complaint or contact text, e-mail address, phone number, customer-service SDK or feedback activity in {{sources}}',
        zh: '应用处理个人信息，但未公布投诉渠道：{{sources}}中没有投诉或联系文本、邮箱、电话、客服 SDK 或反馈页面',
      },
      blind: {
        en: 'the app handles personal information and no complaint channel was found in {{sources}}, but {{why}}',
        zh: '应用处理个人信息，{{sources}}中未找到投诉渠道，但{{why}}',
      },
    },
  },
  run({ facts, report, options }) {
    const lang = options.lang;
    if (facts.strings === undefined || !handlesPersonalInformation(facts) || anyChannel(channels(facts))) return;
    const blind = textBlindSpot(facts);
    if (blind !== undefined) {
      report({ messageId: 'blind', verdict: 'review', data: { sources: SOURCES[lang], why: blind.why[lang] }, evidence: [policyAnchor(facts), ...blind.evidence] });
    } else {
      report({ messageId: 'none', verdict: 'warn', data: { sources: SOURCES[lang] }, evidence: [policyAnchor(facts)] });
    }
  },
});

const complaintChannel = defineCheck({
  meta: {
    id: 'c08/complaint-channel',
    title: { en: 'Complaint channel found: is it prominent?', zh: '找到投诉渠道：是否醒目？' },
    verdicts: ['review'],
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: 'Pledge clause 8 asks for the complaint channel to be published in a prominent place in the app; 认定方法 六.5. Static analysis can show where a channel is (COMPLAINT text, e-mail addresses and phone numbers of the app\'s own, customer-service SDKs, feedback activities), not whether users can find it: prominence is a UI fact, so a found channel is review. A channel that is only words (客服, 联系我们) without an address, number or form is called out.',
        zh: '承诺第八条要求"在APP内醒目位置公布申诉方式"；《认定方法》六.5。静态分析能显示渠道在哪里（投诉相关文本、应用自身的邮箱和电话、客服 SDK、反馈页面），不能判断用户是否容易找到：醒目与否是界面事实，因此找到渠道时结论为待复核。若只有文字（客服、联系我们）而没有邮箱、电话或表单，会特别指出。',
      },
      fix: {
        en: 'Make the channel reachable in at most two taps from the main screens (settings → about or privacy) and name it in the privacy policy with a concrete e-mail, phone number or form.',
        zh: '让渠道从主要页面两步内可达（设置 → 关于或隐私），并在隐私政策中给出具体的邮箱、电话或表单。',
      },
    },
    manualCheck: {
      en: 'From the home screen, reach the complaint channel and count the taps; check it is labelled as a personal-information complaint channel, and send a test complaint to see it is answered within 15 working days.',
      zh: '从首页进入投诉渠道并记录点击次数；确认其标明为个人信息投诉渠道，并发送一次测试投诉，确认在 15 个工作日内答复。',
    },
    messages: {
      contact: {
        en: 'complaint channel found ({{channels}}): whether it is published prominently in the app can only be checked in the UI',
        zh: '找到投诉渠道（{{channels}}）：是否在应用内醒目位置公布只能在界面中核实',
      },
      termsOnly: {
        en: 'complaint or contact text found ({{channels}}) but no e-mail address, phone number, feedback form or customer-service SDK of the app\'s own: check in the UI where it leads and whether it is prominent',
        zh: '找到投诉或联系文本（{{channels}}），但没有应用自身的邮箱、电话、反馈表单或客服 SDK：请在界面中核实其去向及是否醒目',
      },
    },
  },
  run({ facts, report, options }) {
    const lang = options.lang;
    if (facts.strings === undefined) return;
    const c = channels(facts);
    if (!anyChannel(c)) return;
    const evidence: Evidence[] = [
      ...c.emails.slice(0, 2).map((v) => textEvidence(facts, v)),
      ...c.phones.slice(0, 2).map((v) => textEvidence(facts, v)),
      ...c.terms.slice(0, 3).map((h) => textEvidence(facts, h)),
      ...c.sdks.flatMap((f) => sdkEvidence(facts, f).slice(0, 1)),
      ...c.activities.slice(0, 2).map((a) => manifestEvidence(a.path, `activity ${a.name}`)),
    ];
    // The index dropped the app's own terms after the cap: say where to look rather than nothing.
    if (evidence.length === 0) evidence.push(policyAnchor(facts));
    const sep = lang === 'zh' ? '、' : ', ';
    const names = [
      ...[...new Set(c.emails.map((v) => v.value))].slice(0, 2),
      ...[...new Set(c.phones.map((v) => v.value))].slice(0, 2),
      ...[...new Set(c.terms.map((h) => `"${h.term}"`))].slice(0, 3),
      ...c.sdks.map((f) => sdkName(f, lang)),
      ...c.activities.slice(0, 2).map((a) => a.name.slice(a.name.lastIndexOf('.') + 1)),
    ];
    if (names.length === 0) names.push(lang === 'zh' ? '投诉相关文本' : 'complaint text');
    const concrete = c.emails.length > 0 || c.phones.length > 0 || c.sdks.length > 0 || c.activities.length > 0;
    report({ messageId: concrete ? 'contact' : 'termsOnly', verdict: 'review', data: { channels: names.join(sep) }, evidence: evidence.slice(0, MAX_EVIDENCE) });
  },
});

export default defineClause({
  clause: 8,
  slug: 'complaint-channel',
  title: {
    zh: '为用户提供个人信息保护的申诉渠道，在APP内醒目位置公布申诉方式',
    en: 'A personal-information complaint channel, published prominently in the app',
  },
  pledge: '为用户提供个人信息保护的申诉渠道，在APP内醒目位置公布申诉方式。',
  requires: ['manifest', 'resources', 'dex', 'assets'],
  checks: [noComplaintChannel, complaintChannel],
  // "醒目位置" is a property of the UI: an APK shows where the channel is, never how visible it is.
  neverPasses: {
    code: 'ui:prominence',
    message: {
      en: 'whether the complaint channel is published prominently is a property of the UI: an APK can show where a channel is, never how easy it is to find',
      zh: '投诉渠道是否醒目公布属于界面属性：APK 只能显示渠道在哪里，无法判断是否容易找到',
    },
  },
  manualChecks: [
    {
      en: 'Find the complaint channel from the app\'s main screens (settings, "about", privacy policy) and check it is prominent and answered within 15 working days.',
      zh: '从应用主要页面（设置、关于、隐私政策）查找申诉渠道，确认位置醒目且在 15 个工作日内答复。',
    },
  ],
});
