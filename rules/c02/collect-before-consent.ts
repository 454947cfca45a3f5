import { defineCheck } from '../../src/engine/check.js';
import { reachEvidence } from '../../src/facts/evidence.js';
import { ownerKey } from '../../src/model/index.js';
import { piBeforeConsent, rootData, type UngatedPiHit } from '../lib/pi-before-consent.js';

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
      en: '{owner:owner} reads {kinds:pi} directly in {rootKind:root} {root:method}, a method with no branch at all (call sites: {count}): collected before consent is even possible',
      zh: '{owner:owner}在{rootKind:root} {root:method} 中直接读取{kinds:pi}（{count} 处调用），该方法没有任何分支：在根本不可能征得同意之前即已收集',
    },
    reachable: {
      en: '{owner:owner} reads {kinds:pi} on startup from {rootKind:root} {root:method} with no consent gate on the path (call sites: {count}), e.g. {path:path}',
      zh: '{owner:owner}在启动时经{rootKind:root} {root:method} 读取{kinds:pi}（{count} 处调用），调用路径上没有同意判断，例如：{path:path}',
    },
  },
  *check({ facts }) {
    // One finding per owner and root: the reads a reviewer would ask that owner about together.
    // Only reads directly in a provider's or the Application's onCreate, in a method that does
    // not branch at all, are certain to run before consent (CLAUSES.md §2.6): FAIL; deeper, WARN.
    const groups = new Map<string, UngatedPiHit[]>();
    for (const h of piBeforeConsent(facts)) {
      const certain = h.direct && !h.rootBranches;
      const key = `${certain ? 'direct' : 'reachable'}|${ownerKey(h.use.owner)}|${h.root.cls}->${h.root.method}`;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, [h]);
      else g.push(h);
    }
    for (const [key, hits] of groups) {
      const first = hits[0] as UngatedPiHit;
      const certain = key.startsWith('direct|');
      const data = { owner: ownerKey(first.use.owner), kinds: [...new Set(hits.map((h) => h.use.kind))], ...rootData(first.root), count: hits.length };
      const evidence = hits.map((h) => reachEvidence(facts, h));
      if (certain) yield { messageId: 'direct', verdict: 'fail', data, evidence, key };
      else yield { messageId: 'reachable', verdict: 'warn', data: { ...data, path: first.path }, evidence, key };
    }
  },
});
