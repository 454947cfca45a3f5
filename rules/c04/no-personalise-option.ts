import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, sdkEvidence } from '../../src/facts/evidence.js';
import { hasText } from '../../src/facts/text.js';
import { PERSONALISING } from '../lib/sdk-categories.js';

export default defineCheck({
  meta: {
    id: 'c04/no-personalise-option',
    clause: 4,
    title: { en: 'Ads or recommendations without a non-personalised option', zh: '广告或推荐未提供非个性化选项' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['resources', 'dex', 'assets'],
    docs: {
      basis: {
        en: 'PIPL Art. 24 ¶2 (automated decisions for push or marketing must offer an option not based on personal characteristics, or an easy way to refuse); 认定方法 三.6 (no non-targeted option); 164号文 1.4 scenario 4. An ads or push SDK (the ones that personalise what the user sees) is bundled and no text of the app mentions turning personalisation off. Analytics, attribution and device-ID SDKs measure rather than personalise and do not count.',
        zh: '《个人信息保护法》第二十四条第二款（通过自动化决策进行信息推送、商业营销，应同时提供不针对其个人特征的选项或便捷的拒绝方式）；《认定方法》三.6（未提供非定向推送选项）；164号文 1.4 场景4。应用集成了广告或推送 SDK（会按个人特征推送内容），而应用文本中没有关闭个性化的选项；统计、归因和设备标识类 SDK 只做度量、不做个性化推送，不在此列。',
      },
      fix: {
        en: 'Add a switch such as 个性化推荐/个性化广告 in settings, off-able at any time, and honour it in every SDK (their vendor switches).',
        zh: '在设置中提供"个性化推荐/个性化广告"开关，可随时关闭，并在各 SDK 中生效（使用厂商提供的开关）。',
      },
    },
  },
  messages: {
    none: {
      en: '{sdks:sdk} bundled, but no text in {sources:term} offers to turn personalised ads or recommendations off',
      zh: '集成了{sdks:sdk}，但{sources:term}中均未找到关闭个性化广告或个性化推荐的选项',
    },
  },
  *check({ facts }) {
    if (facts.strings === undefined || hasText(facts, 'PERSONALISE')) return;
    const sdks = facts.sdks.filter((f) => PERSONALISING.has(f.record.category));
    if (sdks.length === 0) return;
    yield {
      messageId: 'none',
      verdict: 'warn',
      data: { sdks: sdks.map((f) => f.record.id), sources: 'textSources' },
      evidence: sdks.flatMap((f) => sdkEvidence(facts, f).slice(0, 1)).slice(0, MAX_EVIDENCE),
    };
  },
});
