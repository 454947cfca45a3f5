import { defineCheck } from '../../src/engine/check.js';
import type { Evidence } from '../../src/model/index.js';
import { MAX_EVIDENCE, sdkEvidence, textEvidence, useEvidence } from '../../src/facts/evidence.js';
import { hitsOf } from '../../src/facts/text.js';
import { groupBy } from '../lib/group-by.js';

/** PI kinds that profile a user or device (inputs to per-user pricing). */
const PROFILING = ['IMEI', 'IMSI', 'SERIAL', 'MAC', 'ANDROID_ID', 'ADID', 'APPLIST', 'LOCATION', 'ACCOUNTS', 'USAGE'];
/** SDK categories that vary what each user sees, or score users. */
const PER_USER = new Set(['risk-control', 'attribution', 'analytics', 'ads']);
// URL templates of price/coupon APIs that send a device id or a membership level (CLAUSES.md clause 3).
const PRICE_PATH = /price|coupon|discount|quote|promotion|jiage|youhui/i;
const SEGMENT_PARAM = /[?&](imei|device_?id|deviceid|oaid|android_?id|idfa|mac|uid|user_?id|vip|level|member|tag|segment)=/i;

export default defineCheck({
  meta: {
    id: 'c03/pricing-capability',
    clause: 3,
    title: { en: 'Capability inventory for big-data price discrimination', zh: '大数据"杀熟"能力清单' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 24 (no unreasonable differential treatment in price; a non-personalised option); 深圳经济特区数据条例 (fines up to 50 million yuan for 杀熟). Prices are computed on servers, so an APK can only show the capability: profiling inputs and SDKs that vary or score per user.',
        zh: '《个人信息保护法》第二十四条（不得在交易价格等条件上实行不合理差别待遇；提供非个性化选项）；《深圳经济特区数据条例》（"杀熟"最高罚款五千万元）。价格在服务端计算，APK 只能显示能力：画像输入和按用户区别对待或评分的 SDK。',
      },
      fix: {
        en: 'Nothing to fix in the APK by itself: make sure prices do not depend on these inputs, document it, and offer a non-personalised option.',
        zh: 'APK 本身无需修改：确保价格不依赖这些输入，留存说明，并提供非个性化选项。',
      },
    },
    manualCheck: {
      en: 'Dynamic test: buy the same item with two accounts (or devices) that differ only in purchase history, membership or device model, at the same time and place, and compare prices, coupons and delivery fees.',
      zh: '动态测试：用仅在消费记录、会员等级或设备型号上不同的两个账号（或设备），同时同地购买同一商品，比较价格、优惠券和配送费。',
    },
  },
  messages: {
    inputs: {
      en: 'profiling inputs collected: {kinds:pi}; SDKs that score or vary per user: {sdks:sdk}; a non-personalised option in the app\'s text: {option:quote}',
      zh: '收集的画像输入：{kinds:pi}；按用户评分或区别对待的 SDK：{sdks:sdk}；应用文本中的非个性化选项：{option:quote}',
    },
    inputsNoOption: {
      en: 'profiling inputs collected: {kinds:pi}; SDKs that score or vary per user: {sdks:sdk}; no non-personalised option found in the app\'s text',
      zh: '收集的画像输入：{kinds:pi}；按用户评分或区别对待的 SDK：{sdks:sdk}；应用文本中未找到非个性化选项',
    },
    priceEndpoints: {
      en: 'price or coupon endpoints carry device or user-segment parameters: {urls}',
      zh: '价格或优惠券接口携带设备或用户分群参数：{urls}',
    },
  },
  *check({ facts }) {
    const priceUrls = (facts.strings?.urls() ?? []).filter((u) => PRICE_PATH.test(u.value) && SEGMENT_PARAM.test(u.value));
    if (priceUrls.length > 0) {
      yield { messageId: 'priceEndpoints', verdict: 'review', data: { urls: priceUrls.slice(0, 3).map((u) => u.value) }, evidence: priceUrls.slice(0, MAX_EVIDENCE).map((u) => textEvidence(facts, u)) };
    }
    const uses = facts.piReads.filter((u) => PROFILING.includes(u.kind));
    const sdks = facts.sdks.filter((f) => PER_USER.has(f.record.category));
    if (uses.length === 0 && sdks.length === 0) return;
    const byKind = groupBy(uses, (u) => u.kind);
    const option = hitsOf(facts, 'PERSONALISE')[0];
    const evidence: Evidence[] = [...[...byKind.values()].map((g) => useEvidence(g[0] as (typeof g)[number])), ...sdks.flatMap((f) => sdkEvidence(facts, f).slice(0, 1))].slice(0, MAX_EVIDENCE * 2);
    const data = { kinds: [...byKind.keys()], sdks: sdks.map((f) => f.record.id) };
    if (option === undefined) yield { messageId: 'inputsNoOption', verdict: 'review', data, evidence };
    else yield { messageId: 'inputs', verdict: 'review', data: { ...data, option: option.term }, evidence: [...evidence, textEvidence(facts, option)] };
  },
});
