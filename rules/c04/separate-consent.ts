import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { piKindInfo } from '../../src/facts/pi-table.js';
import { hasText } from '../../src/facts/text.js';
import { groupBy } from '../lib/group-by.js';

export default defineCheck({
  meta: {
    id: 'c04/separate-consent',
    clause: 4,
    title: { en: 'Sensitive personal information without a separate consent text', zh: '敏感个人信息缺少单独同意' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'referenced',
    needs: ['resources', 'dex', 'assets'],
    docs: {
      basis: {
        en: 'PIPL Art. 28–29: sensitive personal information (location tracks, contacts, communications, biometrics) needs a separate consent. The app reads such data and no text mentions 单独同意 or sensitive personal information; the consent may still be a system prompt plus in-app text, so this is for review.',
        zh: '《个人信息保护法》第二十八、二十九条：敏感个人信息（行踪轨迹、通讯录、通信内容、生物识别等）需取得单独同意。应用读取此类信息，而文本中没有"单独同意"或"敏感个人信息"的说明；同意也可能由系统弹窗加应用内文字构成，因此需人工复核。',
      },
      fix: {
        en: 'Before reading each kind of sensitive information, show a dedicated consent that names it and its purpose, separate from the privacy policy.',
        zh: '在读取每类敏感个人信息之前，单独弹出写明信息种类与用途的同意，不与隐私政策合并。',
      },
    },
    manualCheck: {
      en: 'Trigger each feature that reads the listed information and check a separate consent (not just the system permission dialog) names the information and its purpose.',
      zh: '逐一触发读取所列信息的功能，检查是否有写明信息及用途的单独同意（而非仅系统权限弹窗）。',
    },
  },
  messages: {
    missing: {
      en: 'reads sensitive personal information ({kinds:pi}); no text mentions a separate consent or sensitive personal information',
      zh: '读取敏感个人信息（{kinds:pi}），但没有任何文本提及单独同意或敏感个人信息',
    },
  },
  *check({ facts }) {
    if (facts.strings === undefined || hasText(facts, 'SEPARATE')) return;
    const uses = facts.piReads.filter((u) => piKindInfo(u.kind)?.sensitive === true);
    if (uses.length === 0) return;
    const byKind = groupBy(uses, (u) => u.kind);
    yield {
      messageId: 'missing',
      verdict: 'review',
      data: { kinds: [...byKind.keys()] },
      evidence: [...byKind.values()].map((g) => useEvidence(g[0] as (typeof g)[number])).slice(0, MAX_EVIDENCE),
    };
  },
});
