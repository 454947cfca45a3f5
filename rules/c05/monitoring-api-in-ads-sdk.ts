import { defineCheck } from '../../src/engine/check.js';
import { MAX_EVIDENCE, useEvidence } from '../../src/facts/evidence.js';
import { ADS_ANALYTICS } from '../lib/sdk-categories.js';

const MONITORING_KINDS = ['MICROPHONE', 'CAMERA', 'SCREEN', 'ACCESSIBILITY', 'NOTIFICATIONS', 'SMS'];

export default defineCheck({
  meta: {
    id: 'c05/monitoring-api-in-ads-sdk',
    clause: 5,
    title: { en: 'Ads or analytics SDK can record audio, camera, screen or messages', zh: '广告或统计 SDK 可录音、拍摄、录屏或读取消息' },
    defaultVerdict: 'warn',
    verdicts: ['warn', 'fail'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: "Pledge clause 5; PIPL Art. 10. Ads and analytics SDKs have no disclosed function that needs the microphone, camera, screen capture, other apps' screens or messages (CLAUSES.md clause 5); interactive ads are the legitimate exception, hence WARN (FAIL under --strict).",
        zh: '承诺第五条；《个人信息保护法》第十条。广告和统计 SDK 没有需要麦克风、摄像头、录屏、其他应用界面或消息的已告知功能（CLAUSES.md 第5条）；互动广告是合理例外，因此默认 WARN（--strict 下 FAIL）。',
      },
      fix: {
        en: 'Ask the SDK vendor what these calls are for, switch them off, or replace the SDK.',
        zh: '向 SDK 厂商确认这些调用的用途，关闭相关功能或更换 SDK。',
      },
    },
  },
  messages: {
    sdk: {
      en: '{category:category} SDK {sdk:sdk} calls {kinds:pi} APIs',
      zh: '{sdk:sdk}（{category:category}类 SDK）调用了{kinds:pi}相关 API',
    },
  },
  *check({ facts }) {
    for (const f of facts.sdks) {
      if (!ADS_ANALYTICS.has(f.record.category)) continue;
      const uses = facts.apiUses.filter((u) => u.owner.kind === 'sdk' && u.owner.id === f.record.id && MONITORING_KINDS.includes(u.kind) && !u.api.includes('sendTextMessage'));
      if (uses.length === 0) continue;
      const kinds = [...new Set(uses.map((u) => u.kind))];
      yield { messageId: 'sdk', verdict: 'warn', strictVerdict: 'fail', data: { sdk: f.record.id, category: f.record.category, kinds }, evidence: uses.slice(0, MAX_EVIDENCE).map(useEvidence) };
    }
  },
});
