import { defineCheck } from '../../src/engine/check.js';
import { manifestEvidence } from '../../src/facts/evidence.js';
import { baseCleartextPermitted } from '../../src/facts/nsc.js';
import type { Evidence } from '../../src/model/index.js';
import { nscEvidence } from '../lib/nsc-evidence.js';

const APP = '/manifest/application';

export default defineCheck({
  meta: {
    id: 'c10/cleartext-traffic',
    clause: 10,
    title: { en: 'Cleartext (HTTP) traffic permitted', zh: '允许明文（HTTP）传输' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: "PIPL Art. 51 (encryption); MobSF clear_text_traffic and network_security.py. What decides is the network security config's base-config when the app has one (Android ignores usesCleartextTraffic then), else android:usesCleartextTraffic, else the platform default: permitted up to targetSdk 27.",
        zh: '《个人信息保护法》第五十一条（加密）；MobSF clear_text_traffic、network_security.py。有网络安全配置时以其 base-config 为准（此时 Android 忽略 usesCleartextTraffic），否则看 android:usesCleartextTraffic，再否则为平台默认：targetSdk 27 及以下允许。',
      },
      fix: {
        en: 'Set cleartextTrafficPermitted="false" in the base-config (or android:usesCleartextTraffic="false"), move every endpoint to HTTPS, and keep any HTTP exception to a named domain-config.',
        zh: '在 base-config 中设置 cleartextTrafficPermitted="false"（或 android:usesCleartextTraffic="false"），所有接口改用 HTTPS，必要的 HTTP 例外限定在具名的 domain-config 中。',
      },
    },
  },
  messages: {
    explicit: {
      en: 'android:usesCleartextTraffic="true": personal information can travel unencrypted over HTTP',
      zh: 'android:usesCleartextTraffic="true"：个人信息可能经 HTTP 明文传输',
    },
    defaulted: {
      en: 'usesCleartextTraffic is not set and targetSdk is {targetSdk} (≤ 27), so cleartext HTTP is permitted by default',
      zh: '未设置 usesCleartextTraffic 且 targetSdk 为 {targetSdk}（≤ 27），默认允许明文 HTTP',
    },
    nscBase: {
      en: 'the network security config permits cleartext HTTP for every domain (base-config cleartextTrafficPermitted="true")',
      zh: '网络安全配置允许所有域名明文 HTTP（base-config cleartextTrafficPermitted="true"）',
    },
  },
  *check({ facts }) {
    const m = facts.manifest;
    if (m.application === undefined) return;
    const nsc = facts.networkSecurityConfig;
    const base = baseCleartextPermitted(m, nsc);
    if (!base.permitted) return;
    if (base.why === 'nsc-base' && nsc?.base !== undefined) {
      yield { messageId: 'nscBase', verdict: 'warn', evidence: [nscEvidence(nsc.entry, `${nsc.base.path}/@cleartextTrafficPermitted`, 'cleartextTrafficPermitted="true"')] };
    } else if (base.why === 'manifest') {
      yield { messageId: 'explicit', verdict: 'warn', evidence: [manifestEvidence(`${APP}/@android:usesCleartextTraffic`, 'android:usesCleartextTraffic="true"')] };
    } else {
      const ev: Evidence = manifestEvidence('/manifest/uses-sdk/@android:targetSdkVersion', `targetSdkVersion=${m.effectiveTargetSdk}`);
      ev.note = nsc === undefined ? { id: 'cleartext-not-configured' } : { id: 'cleartext-not-in-base-config', data: { file: nsc.entry } };
      yield { messageId: 'defaulted', verdict: 'warn', data: { targetSdk: m.effectiveTargetSdk }, evidence: [ev] };
    }
  },
});
