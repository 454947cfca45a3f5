import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, reachEvidence, useEvidence } from '../../src/facts/evidence.js';
import { MARKETING } from '../lib/sdk-categories.js';

/** Sensitive PI (PIPL Art. 28) and the app list, as CLAUSES.md clause 4 names them. */
const SENSITIVE_FOR_MARKETING = ['LOCATION', 'CONTACTS', 'APPLIST', 'SMS', 'CALL_LOG'];

export default defineCheck({
  meta: {
    id: 'c04/marketing-sdk-sensitive-pi',
    clause: 4,
    title: { en: 'Marketing SDK reads sensitive personal information', zh: '营销类 SDK 读取敏感个人信息' },
    defaultVerdict: 'warn',
    verdicts: ['fail', 'warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 29 (separate consent for sensitive PI) and Art. 23 (separate consent to give PI to another processor); 认定方法 五.1 (PI provided to third parties through embedded code). An ads, attribution, analytics or push SDK that reads location, contacts, the app list or messages is likely to share them with its vendor. Reached from a startup entry point with no consent check on the way, it is a failure.',
        zh: '《个人信息保护法》第二十九条（处理敏感个人信息需单独同意）、第二十三条（向他人提供需单独同意）；《认定方法》五.1（通过嵌入的第三方代码向他人提供）。广告、归因、统计或推送 SDK 读取位置、通讯录、应用列表或短信，很可能将其提供给 SDK 厂商；若从启动入口即可执行到、途中没有同意判断，则判定为不通过。',
      },
      fix: {
        en: "Turn off the SDK's collection of these items (vendor switches), or obtain separate consent naming the SDK and the items before initialising it.",
        zh: '关闭 SDK 对这些信息的收集（厂商开关），或在初始化前取得列明该 SDK 及所收集信息的单独同意。',
      },
    },
  },
  messages: {
    reads: {
      en: '{category:category} SDK {sdk:sdk} reads {kinds:pi} inside its own code',
      zh: '{sdk:sdk}（{category:category}类 SDK）在其自身代码中读取{kinds:pi}',
    },
    beforeConsent: {
      en: '{category:category} SDK {sdk:sdk} reads {kinds:pi} on startup, with no consent check on the call path',
      zh: '{sdk:sdk}（{category:category}类 SDK）在应用启动时即读取{kinds:pi}，调用路径上没有同意判断',
    },
  },
  *check({ facts }) {
    for (const f of facts.sdks) {
      if (!MARKETING.has(f.record.category)) continue;
      const uses = facts.piReads.filter((u) => u.owner.kind === 'sdk' && u.owner.id === f.record.id && SENSITIVE_FOR_MARKETING.includes(u.kind));
      if (uses.length === 0) continue;
      const sdk = f.record.id;
      const category = f.record.category;
      // Reachable at E2 (the SDK reads it on startup, before a gate): FAIL per CLAUSES.md clause 4.
      const early = facts.reachability?.hits.filter((h) => h.what === 'pi' && !h.gated && h.use !== undefined && uses.includes(h.use)) ?? [];
      if (early.length > 0) {
        const kinds = [...new Set(early.map((h) => h.use?.kind ?? ''))];
        yield { messageId: 'beforeConsent', verdict: 'fail', data: { sdk, category, kinds }, evidence: early.slice(0, MAX_EVIDENCE).map((h) => reachEvidence(facts, h)) };
      } else {
        const kinds = [...new Set(uses.map((u) => u.kind))];
        yield { messageId: 'reads', verdict: 'warn', data: { sdk, category, kinds }, evidence: uses.slice(0, MAX_EVIDENCE).map(useEvidence) };
      }
    }
  },
});
