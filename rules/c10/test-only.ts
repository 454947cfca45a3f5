import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';

export default defineCheck({
  meta: {
    id: 'c10/test-only',
    clause: 10,
    title: { en: 'Build is marked test-only', zh: '构建标记为仅测试' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF app_in_test_mode. testOnly marks a development build that must not be distributed.',
        zh: '《个人信息保护法》第五十一条；MobSF app_in_test_mode。testOnly 表示不应分发的开发构建。',
      },
      fix: {
        en: 'Ship an APK built by the release variant (Android Studio sets testOnly only on builds deployed from the IDE).',
        zh: '分发 release 变体构建的 APK（仅从 IDE 部署的构建才会带 testOnly）。',
      },
    },
  },
  messages: {
    testOnly: {
      en: 'android:testOnly="true": a test build, not a release; it can only be installed with adb install -t',
      zh: 'android:testOnly="true"：这是测试构建而非发布版本，只能通过 `adb install -t` 安装',
    },
  },
  *check({ facts }) {
    if (facts.manifest.application?.testOnly === true) {
      yield { messageId: 'testOnly', verdict: 'fail', evidence: [manifestEvidence('/manifest/application/@android:testOnly', 'android:testOnly="true"')] };
    }
  },
});
