import { defineCheck } from '../../src/engine/check.js';
import { textEvidence } from '../../src/facts/evidence.js';
import { appHits, TEXT_NEEDS } from '../../src/facts/rights.js';

export default defineCheck({
  meta: {
    id: 'c01/no-consent-choice',
    clause: 1,
    title: { en: 'Privacy policy without an agree/refuse choice', zh: '隐私政策缺少"同意/不同意"选项' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: [...TEXT_NEEDS],
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
  },
  messages: {
    weak: {
      en: 'the app carries a privacy policy, but its texts offer only an acknowledgement ({weak:quote}) and no way to refuse',
      zh: '应用带有隐私政策，但相关文本只有确认类按钮（{weak:quote}），没有拒绝选项',
    },
    noRefuse: {
      en: 'the app carries a privacy policy, but no text offers a way to refuse it (不同意, 拒绝, 仅浏览…)',
      zh: '应用带有隐私政策，但没有任何表示拒绝的文本（如"不同意""拒绝""仅浏览"）',
    },
  },
  *check({ facts }) {
    const policies = appHits(facts, 'POLICY');
    if (facts.strings === undefined || !policies.present || appHits(facts, 'CONSENT_REFUSE').present) return;
    const weak = appHits(facts, 'CONSENT_WEAK').hits.filter((h) => isWholeLabel(h.snippet, h.term));
    const first = weak[0];
    if (first !== undefined) {
      yield { messageId: 'weak', verdict: 'warn', data: { weak: [...new Set(weak.map((h) => h.term))] }, evidence: [textEvidence(facts, first)] };
      return;
    }
    const policy = policies.hits[0];
    if (policy !== undefined) yield { messageId: 'noRefuse', verdict: 'warn', evidence: [textEvidence(facts, policy)] };
  },
});

/** 好的 inside 最好的 is not a button: a weak-consent term counts only as the whole label. */
function isWholeLabel(snippet: string, term: string): boolean {
  return snippet.replace(/[\s"'“”「」]/g, '').toLowerCase() === term.replace(/\s/g, '').toLowerCase();
}
