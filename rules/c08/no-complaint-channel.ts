import { defineCheck } from '../../src/engine/check.js';
import { handlesPersonalInformation, policyAnchor, TEXT_NEEDS, textBlindSpot } from '../../src/facts/rights.js';
import { anyChannel, complaintChannels } from '../lib/complaint-channels.js';

export default defineCheck({
  meta: {
    id: 'c08/no-complaint-channel',
    clause: 8,
    title: { en: 'No complaint channel for personal-information issues', zh: '没有个人信息保护投诉渠道' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'review'],
    evidence: 'declared',
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
  },
  messages: {
    none: {
      en: 'the app handles personal information but publishes no complaint channel: no complaint or contact text, e-mail address, phone number, customer-service SDK or feedback activity in {sources:term}',
      zh: '应用处理个人信息，但未公布投诉渠道：{sources:term}中没有投诉或联系文本、邮箱、电话、客服 SDK 或反馈页面',
    },
    blind: {
      en: 'the app handles personal information and no complaint channel was found in {sources:term}, but {why:reason}',
      zh: '应用处理个人信息，{sources:term}中未找到投诉渠道，但{why:reason}',
    },
  },
  *check({ facts }) {
    if (facts.strings === undefined || !handlesPersonalInformation(facts) || anyChannel(complaintChannels(facts))) return;
    const blind = textBlindSpot(facts);
    if (blind !== undefined) {
      yield { messageId: 'blind', verdict: 'review', data: { sources: 'textSourcesFull', ...blind.data, why: blind.code }, evidence: [policyAnchor(facts), ...blind.evidence] };
    } else {
      yield { messageId: 'none', verdict: 'warn', data: { sources: 'textSourcesFull' }, evidence: [policyAnchor(facts)] };
    }
  },
});
