import { defineCheck } from '../../src/engine/check.js';
import type { CodeSite } from '../../src/facts/code.js';
import { MAX_EVIDENCE, siteEvidence } from '../../src/facts/evidence.js';
import { alwaysReturnsTrue, overridesOf } from '../../src/facts/method-shapes.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';
import { overrideEvidence } from '../lib/override-evidence.js';

export default defineCheck({
  meta: {
    id: 'c10/hostname-verifier',
    clause: 10,
    title: { en: 'Hostname verification disabled', zh: '关闭了主机名校验' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_insecure_ssl; Google Play rejects apps whose HostnameVerifier accepts every host (github.com/Sunzxyong/Tiny/issues/15). A certificate for any domain then authenticates every server.',
        zh: '《个人信息保护法》第五十一条；MobSF android_insecure_ssl；Google Play 拒绝接受所有主机名的 HostnameVerifier（github.com/Sunzxyong/Tiny/issues/15）：任意域名的证书都能冒充服务器。',
      },
      fix: {
        en: 'Use the default HostnameVerifier; never return true unconditionally or use ALLOW_ALL_HOSTNAME_VERIFIER / AllowAllHostnameVerifier.',
        zh: '使用默认 HostnameVerifier；不要无条件返回 true，也不要使用 ALLOW_ALL_HOSTNAME_VERIFIER / AllowAllHostnameVerifier。',
      },
    },
  },
  messages: {
    alwaysTrue: {
      en: '{cls:class}.verify always returns true ({owner:owner}): every hostname is accepted',
      zh: '{cls:class}.verify 始终返回 true（{owner:owner}）：接受任何主机名',
    },
    allowAll: {
      en: 'the allow-all hostname verifier is used ({owner:owner}): {api}',
      zh: '使用了允许所有主机名的校验器（{owner:owner}）：{api}',
    },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined) return;
    for (const o of overridesOf(facts, 'Ljavax/net/ssl/HostnameVerifier;', 'verify')) {
      if (!alwaysReturnsTrue(facts, o)) continue;
      const ev = overrideEvidence(facts, o, undefined, { id: 'returns-constant-true' });
      yield { messageId: 'alwaysTrue', verdict: 'fail', data: { cls: o.cls, owner: ownerKey(ev.owner) }, evidence: [ev] };
    }
    const sites: [CodeSite, string][] = [
      ...code.fieldReadsOf('Lorg/apache/http/conn/ssl/SSLSocketFactory;', 'ALLOW_ALL_HOSTNAME_VERIFIER').map((s): [CodeSite, string] => [s, 'SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER']),
      // A static initialiser that only defines a constant (SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER) is not a use: the reads are.
      ...code.invokesOf('Lorg/apache/http/conn/ssl/AllowAllHostnameVerifier;', '<init>').filter((s) => facts.isUsedConstruction(s)).map((s): [CodeSite, string] => [s, 'new AllowAllHostnameVerifier()']),
    ].filter(([s]) => facts.isLiveSite(s));
    for (const [owner, group] of groupBy(sites, ([s]) => ownerKey(siteEvidence(facts, s).owner))) {
      const ev = group.slice(0, MAX_EVIDENCE).map(([s, api]) => siteEvidence(facts, s, api));
      yield { messageId: 'allowAll', verdict: 'fail', data: { owner, api: group[0]?.[1] ?? '' }, evidence: ev };
    }
  },
});
