import { defineCheck } from '../../src/engine/check.js';
import { reachEvidence } from '../../src/facts/evidence.js';
import { CATEGORY_KINDS, chosenCategories } from '../lib/categories.js';
import { piBeforeConsent, rootData } from '../lib/pi-before-consent.js';

export default defineCheck({
  meta: {
    id: 'c02/startup-pi-in-no-pi-category',
    clause: 2,
    title: { en: 'Personal information read on startup by an app type that needs none', zh: '无须个人信息的应用类型在启动时读取个人信息' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'reachable',
    needs: ['dex'],
    docs: {
      basis: {
        en: '必要信息规定 (2021) 第五条: 13 types (女性健康, 网络直播, 在线影音, 短视频, 新闻资讯, 运动健身, 浏览器, 输入法, 安全管理, 电子图书, 拍摄美化, 应用商店, 实用工具) can provide their basic function without any personal information. First-party code reading device PI from a startup entry point with no consent gate (E2, CLAUSES.md §2.6) collects it before the user can have chosen any optional feature.',
        zh: '《常见类型移动互联网应用程序必要个人信息范围规定》（2021）第五条：女性健康、网络直播、在线影音、短视频、新闻资讯、运动健身、浏览器、输入法、安全管理、电子图书、拍摄美化、应用商店、实用工具等 13 类应用无须个人信息即可提供基本功能。应用自身代码从启动入口、在没有同意判断的路径上读取设备个人信息（E2，CLAUSES.md §2.6），即在用户选择任何可选功能之前已收集。',
      },
      fix: {
        en: 'Remove the read from startup; if an optional feature needs it, read it when the user opens that feature and has agreed.',
        zh: '从启动流程中移除该读取；如可选功能确需，在用户打开该功能并同意后再读取。',
      },
    },
  },
  messages: {
    startup: {
      en: 'first-party code reads {kind:pi} on startup from {rootKind:root} {root:method} ({path:path}), but {categories:appCategory} needs no personal information for its basic function',
      zh: '应用自身代码在启动时经{rootKind:root} {root:method} 读取{kind:pi}（{path:path}），而{categories:appCategory}无须任何个人信息即可提供基本功能',
    },
  },
  *check({ facts, options }) {
    const cats = chosenCategories(options);
    // Only when every chosen type needs nothing: an app that is also a map app may read location.
    if (cats.length === 0 || !cats.every((c) => c.noPiNeeded)) return;
    for (const h of piBeforeConsent(facts)) {
      // SDK reads are judged by outside-necessary-set and collect-before-consent.
      if (h.use.owner.kind !== 'app' || !CATEGORY_KINDS.includes(h.use.kind)) continue;
      yield {
        messageId: 'startup',
        verdict: 'fail',
        data: { kind: h.use.kind, ...rootData(h.root), path: h.path, categories: cats.map((c) => c.name) },
        evidence: [reachEvidence(facts, h)],
        key: h.use.api,
      };
    }
  },
});
