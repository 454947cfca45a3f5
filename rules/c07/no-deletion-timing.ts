import { defineCheck } from '../../src/engine/check.js';
import { TEXT_NEEDS, timingCommitments } from '../../src/facts/rights.js';
import { deletion, deletionEvidence, siteString } from '../lib/account-deletion.js';

export default defineCheck({
  meta: {
    id: 'c07/no-deletion-timing',
    clause: 7,
    title: { en: 'Account deletion without a completion time', zh: '注销账号未承诺完成时限' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'declared',
    needs: TEXT_NEEDS,
    docs: {
      basis: {
        en: '认定方法 六.3 (deletion must complete within 15 working days). The app offers deletion but no TIMING commitment (15个工作日, 十五个工作日, 15 working days) sits in a bundled policy or next to words about requests. The commitment may be on a remote page, hence review.',
        zh: '《认定方法》六.3（注销应在 15 个工作日内完成）。应用提供注销，但内置政策中或请求相关文字旁没有时限承诺（15个工作日、十五个工作日、“15 working days”）。承诺可能在远端页面上，因此为待复核。',
      },
      fix: {
        en: 'State on the deletion page and in the privacy policy that deletion completes within 15 working days, and make the back end do so.',
        zh: '在注销页面和隐私政策中写明注销将在 15 个工作日内完成，并确保后台按时完成。',
      },
    },
    manualCheck: {
      en: 'Open the deletion page and the privacy policy (bundled or remote) and look for a completion time of at most 15 working days; delete a test account and check it is gone within that time.',
      zh: '打开注销页面和隐私政策（内置或远端）查找不超过 15 个工作日的完成时限；注销测试账号，确认在时限内完成。',
    },
  },
  messages: {
    missing: {
      en: 'the app offers account deletion ({where:quote}) but commits to no completion time (15 working days) in {sources:term}',
      zh: '应用提供注销账号（{where:quote}），但{sources:term}中没有完成时限（15 个工作日）的承诺',
    },
  },
  *check({ facts }) {
    const strings = facts.strings;
    // Only the first TIMING hits are kept when the group is capped; a commitment may be among the rest.
    if (strings === undefined || timingCommitments(facts).length > 0 || strings.stats.capped.includes('TIMING')) return;
    const d = deletion(facts);
    const evidence = deletionEvidence(facts, d);
    if (!d.present || evidence.length === 0) return;
    const route = d.sites[0];
    // Deletion text, then URLs, then the API route, as the app writes them.
    const where = [...new Set([...d.hits.map((h) => h.term), ...d.urls.map((u) => u.value), ...(route === undefined ? [] : [siteString(route)])])].slice(0, 3);
    yield { messageId: 'missing', verdict: 'review', data: { where, sources: 'textSourcesFull' }, evidence };
  },
});
