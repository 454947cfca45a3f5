import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, siteEvidence, useEvidence } from '../../src/facts/evidence.js';
import type { Evidence } from '../../src/model/index.js';

export default defineCheck({
  meta: {
    id: 'c02/periodic-collection',
    clause: 2,
    title: { en: 'Personal information read on a timer', zh: '定时周期性读取个人信息' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: '认定方法 四.3 (collecting at a frequency beyond what the service needs); 164号文 1.2 (scenarios of reads "every 30 s / every 2 s"). How often is a runtime fact: the static finding is the loop and the personal information it reaches (CLAUSES.md clause 2).',
        zh: '《认定方法》四.3（收集频度超出业务功能实际需要）；164号文 1.2（"每30秒/每2秒"读取等场景）。频率属于运行时事实：静态结论是定时循环及其读取的个人信息（CLAUSES.md 第二条）。',
      },
      fix: {
        en: 'Read the value once and cache it, or only when the user acts; if a feature must refresh it, use the longest period that works and stop the timer in the background.',
        zh: '读取一次后缓存，或仅在用户操作时读取；确需刷新时使用可行的最长周期，并在后台停止定时器。',
      },
    },
    manualCheck: {
      en: 'Run the app with a privacy-monitoring hook (e.g. camille) for a few minutes in the foreground and in the background, and count the reads of each listed item per minute.',
      zh: '使用隐私监测 Hook（如 camille）在前台与后台各运行数分钟，统计所列各项每分钟的读取次数。',
    },
  },
  messages: {
    loop: {
      en: '{task:class} reads {kinds:pi} every time it runs ({shape:term}): check how often',
      zh: '{task:class} 每次运行都会读取{kinds:pi}（{shape:term}）：需确认读取频率',
    },
  },
  *check({ facts }) {
    for (const t of facts.periodicTasks) {
      // One piece of evidence per kind and call chain, then where the loop is scheduled.
      const reads = [...new Map(t.reads.map((r) => [`${r.use.kind}|${r.path.join('>')}`, r])).values()];
      const scheduled = siteEvidence(facts, t.scheduledAt, facts.code?.calleeRef(t.scheduledAt));
      scheduled.note = { id: 'periodic-scheduled' };
      const evidence: Evidence[] = [...reads.slice(0, MAX_EVIDENCE - 1).map((r) => ({ ...useEvidence(r.use), path: r.path })), scheduled];
      yield { messageId: 'loop', verdict: 'review', data: { kinds: [...new Set(t.reads.map((r) => r.use.kind))], task: t.cls, shape: `periodic:${t.shape}` }, evidence, key: t.cls };
    }
  },
});
