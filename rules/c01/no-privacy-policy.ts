import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';
import { APPLICATION_ANCHOR, appHits, policyUrls, TEXT_NEEDS } from '../../src/facts/rights.js';
import { indexComplete } from '../../src/facts/text.js';

export default defineCheck({
  meta: {
    id: 'c01/no-privacy-policy',
    clause: 1,
    title: { en: 'No privacy policy anywhere in the app', zh: '应用中没有隐私政策' },
    defaultVerdict: 'fail',
    verdicts: ['fail', 'review'],
    evidence: 'declared',
    needs: [...TEXT_NEEDS],
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
  },
  messages: {
    none: { en: 'no privacy policy text and no link to one in {sources:term}', zh: '在{sources:term}中既没有隐私政策文本，也没有隐私政策链接' },
    cut: { en: 'no privacy policy found in {sources:term}, but some text was cut at its size limit', zh: '在{sources:term}中未找到隐私政策，但部分文本因超出大小限制被截断' },
  },
  *check({ facts }) {
    // The app's own text: an SDK's resources or code mentioning its own policy is not the app's.
    if (facts.strings === undefined || appHits(facts, 'POLICY').present || policyUrls(facts).length > 0) return;
    const complete = indexComplete(facts);
    yield { messageId: complete ? 'none' : 'cut', verdict: complete ? 'fail' : 'review', data: { sources: 'textSources' }, evidence: [manifestEvidence(APPLICATION_ANCHOR, 'application')] };
  },
});
