import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';

export default defineCheck({
  meta: {
    id: 'c10/debuggable',
    clause: 10,
    title: { en: 'Release build is debuggable', zh: '发布版本可调试' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (technical security measures); MobSF app_is_debuggable. A debuggable release lets anyone with adb read app memory and private storage.',
        zh: '《个人信息保护法》第五十一条（安全技术措施）；MobSF app_is_debuggable。可调试的发布包允许任何能使用 adb 的人读取应用内存和私有存储。',
      },
      fix: {
        en: 'Build releases with debuggable false (the release build type does this by default; do not set android:debuggable in the manifest).',
        zh: '发布版本使用 debuggable=false 构建（release 构建类型默认如此，不要在清单中写 android:debuggable）。',
      },
    },
  },
  messages: {
    debuggable: {
      en: 'android:debuggable="true": any user with adb can attach a debugger and read the app\'s memory and private files',
      zh: 'android:debuggable="true"：任何可使用 adb 的人都能附加调试器，读取应用内存和私有文件',
    },
  },
  *check({ facts }) {
    if (facts.manifest.application?.debuggable === true) {
      yield { messageId: 'debuggable', verdict: 'fail', evidence: [manifestEvidence('/manifest/application/@android:debuggable', 'android:debuggable="true"')] };
    }
  },
});
