import { defineCheck } from '../../src/engine/check.js';
import { janusExposure } from '../../src/facts/signing-facts.js';

export default defineCheck({
  meta: {
    id: 'c10/v1-signature-only',
    clause: 10,
    title: { en: 'Only a v1 (JAR) signature on a device range open to Janus', zh: '仅有 v1（JAR）签名，存在 Janus 漏洞风险' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'declared',
    needs: ['signing'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; CVE-2017-13156 (Janus): on Android 5.0–8.0 a DEX prepended to an APK signed only with the v1 scheme runs while the signature still verifies, so an attacker can ship modified code as an update; MobSF cert_analysis.py.',
        zh: '《个人信息保护法》第五十一条；CVE-2017-13156（Janus）：在 Android 5.0–8.0 上，仅有 v1 签名的 APK 被前置 DEX 后签名仍然有效，攻击者可借此以更新形式投放被篡改的代码；MobSF cert_analysis.py。',
      },
      fix: {
        en: 'Sign with the v2 and v3 schemes as well (apksigner does by default), or raise minSdkVersion to 24.',
        zh: '同时使用 v2、v3 签名（apksigner 默认即如此），或将 minSdkVersion 提升至 24。',
      },
    },
  },
  messages: {
    janus: {
      en: 'signed with the v1 scheme only and minSdk {minSdk} < 24: exposed to Janus (CVE-2017-13156)',
      zh: '仅有 v1 签名且 minSdk {minSdk} < 24：存在 Janus 漏洞（CVE-2017-13156）',
    },
  },
  *check({ facts }) {
    const janus = janusExposure(facts);
    if (janus === undefined) return;
    yield {
      messageId: 'janus',
      verdict: 'fail',
      data: { minSdk: janus.minSdk },
      evidence: [{ location: { kind: 'signing', entry: janus.entry, scheme: 'v1', signer: 0 }, detail: janus.schemes.join(', '), note: { id: 'signature-schemes' } }],
    };
  },
});
