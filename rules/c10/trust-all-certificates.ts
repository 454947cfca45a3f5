import { defineCheck } from '../../src/engine/check.js';
import { doesNothing, overridesOf } from '../../src/facts/method-shapes.js';
import { ownerKey } from '../../src/model/index.js';
import { overrideEvidence } from '../lib/override-evidence.js';

export default defineCheck({
  meta: {
    id: 'c10/trust-all-certificates',
    clause: 10,
    title: { en: 'TrustManager accepts every certificate', zh: 'TrustManager 信任所有证书' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (technical security measures); Android lint TrustAllX509TrustManager and Google Play rejections of unsafe X509TrustManager implementations: an empty checkServerTrusted accepts any certificate, so anyone on the network path can read and alter HTTPS traffic.',
        zh: '《个人信息保护法》第五十一条；Android lint TrustAllX509TrustManager 及 Google Play 对不安全 X509TrustManager 的拒审：空的 checkServerTrusted 接受任何证书，网络路径上的任何人都能读取和篡改 HTTPS 流量。',
      },
      fix: {
        en: 'Delete the custom TrustManager and use the platform default; for private CAs or pinning use a network security config.',
        zh: '删除自定义 TrustManager，使用系统默认实现；私有 CA 或证书锁定请用网络安全配置。',
      },
    },
  },
  messages: {
    trustAll: {
      en: '{cls:class}.checkServerTrusted returns without checking anything ({owner:owner}): every certificate is trusted',
      zh: '{cls:class}.checkServerTrusted 未做任何校验即返回（{owner:owner}）：信任所有证书',
    },
  },
  *check({ facts }) {
    for (const o of overridesOf(facts, 'Ljavax/net/ssl/X509TrustManager;', 'checkServerTrusted')) {
      if (!doesNothing(facts, o)) continue;
      const ev = overrideEvidence(facts, o, 'return-void', { id: 'only-instruction' });
      yield { messageId: 'trustAll', verdict: 'fail', data: { cls: o.cls, owner: ownerKey(ev.owner) }, evidence: [ev] };
    }
  },
});
