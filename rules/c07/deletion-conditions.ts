import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, textEvidence } from '../../src/facts/evidence.js';
import { nearHits, originRank, TEXT_NEEDS } from '../../src/facts/rights.js';

export default defineCheck({
  meta: {
    id: 'c07/deletion-conditions',
    clause: 7,
    title: { en: 'Account deletion with unreasonable conditions', zh: '注销账号设置不合理条件' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
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
  },
  messages: {
    conditions: {
      en: 'account deletion is tied to conditions: {conditions:quote}',
      zh: '注销账号附带条件：{conditions:quote}',
    },
  },
  *check({ facts }) {
    const near = nearHits(facts, 'DELETE_CONDITIONS', 'DELETE');
    if (near.length === 0) return;
    const sorted = [...near].sort((a, b) => originRank(a.hit) - originRank(b.hit));
    // One piece of evidence per place: a notice naming three conditions is one notice.
    const places = new Map<string, (typeof sorted)[number]>();
    for (const n of sorted) {
      const key = JSON.stringify(n.hit.location);
      if (!places.has(key)) places.set(key, n);
    }
    yield {
      messageId: 'conditions',
      verdict: 'warn',
      data: { conditions: [...new Set(sorted.map((n) => n.hit.term))] },
      evidence: [...places.values()].slice(0, MAX_EVIDENCE).map((n) => textEvidence(facts, n.hit, n.excerpt)),
    };
  },
});
