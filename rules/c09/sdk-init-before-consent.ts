import { defineCheck } from '../../src/engine/check.js';
import { reachEvidence } from '../../src/facts/evidence.js';

export default defineCheck({
  meta: {
    id: 'c09/sdk-init-before-consent',
    clause: 9,
    title: { en: 'SDK initialised before the user agrees', zh: '用户同意前初始化 SDK' },
    defaultVerdict: 'fail',
    verdicts: ['fail', 'warn'],
    evidence: 'reachable',
    needs: ['dex'],
    docs: {
      basis: {
        en: '认定方法 三.1; 164号文 1.1 scenarios 4–5 (SDKs collecting before consent); CLAUSES.md §2.6. An SDK started in Application.onCreate or a provider runs before any consent dialog; vendors document a delayed init for this reason.',
        zh: '《认定方法》三.1；164号文 1.1 场景4–5（SDK 在同意前收集）；CLAUSES.md §2.6。在 Application.onCreate 或 Provider 中启动的 SDK 早于任何隐私弹窗运行，厂商为此提供了延迟初始化方案。',
      },
      fix: {
        en: "Call only the vendor's pre-init/consent API at startup and initialise the SDK after the user agrees (e.g. Umeng preInit then init; JPush JCollectionAuth.setAuth before init).",
        zh: '启动时只调用厂商的预初始化/合规接口，用户同意后再初始化 SDK（如友盟 preInit 后 init；极光先 JCollectionAuth.setAuth 再 init）。',
      },
    },
  },
  messages: {
    direct: {
      en: '{sdk:sdk} is initialised ({api:method}) directly in {rootKind:root} {root:method}: before any consent dialog',
      zh: '{sdk:sdk}在{rootKind:root} {root:method} 中被直接初始化（{api:method}）：早于任何隐私弹窗',
    },
    reachable: {
      en: '{sdk:sdk} is initialised ({api:method}) on startup from {rootKind:root} {root:method} with no consent gate on the path: {path:path}',
      zh: '{sdk:sdk}在启动时从{rootKind:root} {root:method} 被初始化（{api:method}），路径上没有同意判断：{path:path}',
    },
  },
  *check({ facts }) {
    const reach = facts.reachability;
    if (reach === undefined) return;
    for (const h of reach.hits) {
      if (h.what !== 'sdk-init' || h.gated || h.sdk === undefined) continue;
      yield {
        messageId: h.direct ? 'direct' : 'reachable',
        verdict: h.direct ? 'fail' : 'warn',
        data: { sdk: h.sdk.id, api: h.api ?? '', rootKind: h.root.kind, root: `${h.root.cls}->${h.root.method}`, path: h.path },
        evidence: [reachEvidence(facts, h)],
      };
    }
  },
});
