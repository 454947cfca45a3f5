import { defineCheck } from '../../src/engine/check.js';
import { sdkEvidence } from '../../src/facts/evidence.js';

export default defineCheck({
  meta: {
    id: 'c04/face-recognition-sdk',
    clause: 4,
    title: { en: 'Face-recognition / biometric SDK bundled', zh: '集成人脸识别 / 生物识别 SDK' },
    defaultVerdict: 'review',
    verdicts: ['review'],
    evidence: 'declared',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Arts. 28–29 (biometric data is sensitive PI and needs separate consent); press summaries of the pledge add "不滥用人脸识别数据".',
        zh: '《个人信息保护法》第二十八、二十九条（生物识别信息属于敏感个人信息，需单独同意）；承诺书的新闻稿补充了"不滥用人脸识别数据"。',
      },
      fix: {
        en: 'Use face recognition only where the service needs it, with a separate consent screen, an alternative for users who decline, and local processing where possible.',
        zh: '仅在业务必需时使用人脸识别，提供单独同意界面和拒绝后的替代方式，尽量在本地处理。',
      },
    },
    manualCheck: {
      en: 'Trigger the face feature: a separate consent that names the purpose must appear first, declining must leave an alternative, and images must not be uploaded unless stated.',
      zh: '触发人脸功能：应先出现说明目的的单独同意，拒绝后应有替代方式，未经说明不得上传图像。',
    },
  },
  messages: {
    face: {
      en: 'face-recognition / biometric SDK {sdk:sdk} is bundled: face data is sensitive personal information',
      zh: '集成了人脸识别/生物识别 SDK {sdk:sdk}：人脸信息属于敏感个人信息',
    },
  },
  *check({ facts }) {
    for (const f of facts.sdks) {
      if (f.record.category !== 'face-biometric') continue;
      yield { messageId: 'face', verdict: 'review', data: { sdk: f.record.id }, evidence: sdkEvidence(facts, f) };
    }
  },
});
