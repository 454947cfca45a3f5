import { defineCheck } from '../../src/engine/check.js';
import { reachEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { piBeforeConsent, rootData } from '../lib/pi-before-consent.js';

export default defineCheck({
  meta: {
    id: 'c02/collect-before-consent',
    clause: 2,
    title: { en: 'Personal information read before the user agrees', zh: '用户同意前收集个人信息' },
    defaultVerdict: 'warn',
    verdicts: ['fail', 'warn'],
    evidence: 'reachable',
    needs: ['dex'],
    docs: {
      basis: {
        en: '认定方法 三.1 ("征得用户同意前就开始收集个人信息"); 164号文 1.1 scenarios 1–6 (IMEI, MAC, app list… collected before consent, the most frequent finding of MIIT notices); CLAUSES.md §2.6. Providers and the Application start before any screen, so nothing there can have asked the user yet.',
        zh: '《认定方法》三.1（征得用户同意前就开始收集个人信息）；164号文 1.1 场景1–6（同意前收集 IMEI、MAC、应用列表等，为工信部通报中最常见的问题）；CLAUSES.md §2.6。Provider 与 Application 在任何界面之前启动，此时不可能已征得用户同意。',
      },
      fix: {
        en: 'Show the privacy dialog first; move every PI read (and the code that triggers it) behind the saved consent flag, out of ContentProvider.onCreate and Application.onCreate.',
        zh: '先展示隐私弹窗；把所有个人信息读取（及触发它的代码）移到已保存的同意标志之后，移出 ContentProvider.onCreate 与 Application.onCreate。',
      },
    },
  },
  messages: {
    direct: {
      en: '{kind:pi} is read directly in {rootKind:root} {root:method}, a method with no branch at all ({owner:owner}): it is collected before consent is even possible',
      zh: '{kind:pi}在{rootKind:root} {root:method} 中被直接读取，该方法没有任何分支（{owner:owner}）：在根本不可能征得同意之前即已收集',
    },
    reachable: {
      en: '{kind:pi} is read on startup from {rootKind:root} {root:method} with no consent gate on the path ({owner:owner}): {path:path}',
      zh: '{kind:pi}在启动时经{rootKind:root} {root:method} 被读取，调用路径上没有同意判断（{owner:owner}）：{path:path}',
    },
  },
  *check({ facts }) {
    for (const h of piBeforeConsent(facts)) {
      const data = { kind: h.use.kind, ...rootData(h.root), owner: ownerKey(h.use.owner) };
      const evidence = [reachEvidence(facts, h)];
      // Only a read directly in a provider's or the Application's onCreate, in a method that does not
      // branch at all, is certain to run before consent (CLAUSES.md §2.6): FAIL; anything deeper, WARN.
      if (h.direct && !h.rootBranches) yield { messageId: 'direct', verdict: 'fail', data, evidence, key: h.use.api };
      else yield { messageId: 'reachable', verdict: 'warn', data: { ...data, path: h.path }, evidence, key: h.use.api };
    }
  },
});
