import { defineCheck } from '../../src/engine/check.js';
import { textEvidence } from '../../src/facts/evidence.js';
import { appHits, TEXT_NEEDS } from '../../src/facts/rights.js';
import { isSimplified } from '../../src/facts/text.js';

export default defineCheck({
  meta: {
    id: 'c01/policy-not-chinese',
    clause: 1,
    title: { en: 'Privacy policy not in Simplified Chinese', zh: '隐私政策没有简体中文版本' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: [...TEXT_NEEDS],
    docs: {
      basis: {
        en: '认定方法 一.4 (the rules are hard to read, e.g. no Simplified Chinese version). The app carries privacy-policy text, but only in English or Traditional Chinese.',
        zh: '《认定方法》一.4（收集使用规则难以阅读，如未提供简体中文版）。应用带有隐私政策文本，但只有英文或繁体中文。',
      },
      fix: {
        en: 'Provide the privacy policy and its dialog in Simplified Chinese (the default or zh-CN resources).',
        zh: '提供简体中文的隐私政策及弹窗（默认或 zh-CN 资源）。',
      },
    },
  },
  messages: {
    only: {
      en: 'privacy-policy text found only as {terms:quote}: no Simplified Chinese version',
      zh: '隐私政策文本仅见{terms:quote}，没有简体中文版本',
    },
  },
  *check({ facts }) {
    const hits = appHits(facts, 'POLICY').hits;
    const first = hits[0];
    if (first === undefined || hits.some((h) => h.lang === 'zh' && isSimplified(h.term))) return;
    yield {
      messageId: 'only',
      verdict: 'warn',
      data: { terms: [...new Set(hits.map((h) => h.term))].slice(0, 5) },
      evidence: [textEvidence(facts, first), ...hits.slice(1, 3).map((h) => textEvidence(facts, h))],
    };
  },
});
