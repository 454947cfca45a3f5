import { defineCheck } from '../../src/engine/check.js';
import { textEvidence } from '../../src/facts/evidence.js';
import { appHits, byOrigin, handlesPersonalInformation, policyAnchor, TEXT_NEEDS, timingCommitments } from '../../src/facts/rights.js';

export default defineCheck({
  meta: {
    id: 'c06/no-handling-time',
    clause: 6,
    title: { en: 'No commitment to answer rights requests within 15 working days', zh: '未承诺在 15 个工作日内答复权利请求' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'declared',
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: '认定方法 六.3 (requests to correct, delete or cancel the account, and complaints, are answered within 15 working days); PIPL Art. 50. The commitment is TIMING text (15个工作日, 十五个工作日, 15 working days) in a bundled policy or next to words about requests; "15日内退货" in a shop is a return window and does not count. Without it the commitment may still be in a remote policy, so the finding is review.',
        zh: '《认定方法》六.3（更正、删除、注销及投诉请求应在 15 个工作日内答复处理）；《个人信息保护法》第五十条。承诺即内置政策中、或请求相关文字旁的时限文本（15个工作日、十五个工作日、“15 working days”）；商城的"15日内退货"是退货期限，不计入。没有该文本时承诺仍可能在远端政策中，因此结论为待复核。',
      },
      fix: {
        en: 'State in the privacy policy that requests to access, correct, delete, cancel the account and complaints are answered within 15 working days, and make it true.',
        zh: '在隐私政策中写明查阅、更正、删除、注销账号及投诉请求将在 15 个工作日内答复，并切实做到。',
      },
    },
    manualCheck: {
      en: 'Read the privacy policy (bundled or remote) for a response time of at most 15 working days, then file a real request (correction or deletion) and note when it is answered.',
      zh: '阅读隐私政策（内置或远端）是否承诺不超过 15 个工作日的答复时限；再实际提交一次更正或删除请求，记录答复时间。',
    },
  },
  messages: {
    missing: {
      en: 'the app handles personal information but no commitment to answer rights requests within 15 working days was found in {sources:term}',
      zh: '应用处理个人信息，但{sources:term}中未找到在 15 个工作日内答复权利请求的承诺',
    },
  },
  *check({ facts }) {
    if (facts.strings === undefined || !handlesPersonalInformation(facts) || timingCommitments(facts).length > 0) return;
    // Only the first TIMING hits are kept when the group is capped; a commitment may be among the rest.
    if (facts.strings.stats.capped.includes('TIMING')) return;
    // Shown where the user meets rights text, else where the policy is.
    const first = byOrigin([...appHits(facts, 'RIGHTS_ACCESS').hits, ...appHits(facts, 'RIGHTS_WITHDRAW').hits])[0];
    yield { messageId: 'missing', verdict: 'review', data: { sources: 'textSourcesFull' }, evidence: [first === undefined ? policyAnchor(facts) : textEvidence(facts, first)] };
  },
});
