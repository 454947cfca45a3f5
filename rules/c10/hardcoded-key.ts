import { defineCheck } from '../../src/engine/check.js';
import { siteEvidence } from '../../src/facts/evidence.js';
import { eventAt } from '../../src/facts/flow.js';
import { ownerKey } from '../../src/model/index.js';

/** Key and IV constructors whose second argument is the key material. */
const KEY_SPECS = [
  ['Ljavax/crypto/spec/SecretKeySpec;', 'SecretKeySpec'],
  ['Ljavax/crypto/spec/IvParameterSpec;', 'IvParameterSpec'],
] as const;

export default defineCheck({
  meta: {
    id: 'c10/hardcoded-key',
    clause: 10,
    title: { en: 'Encryption key or IV hard-coded in the app', zh: '密钥或 IV 硬编码在应用中' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'flows',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF android_hardcoded and android_weak_iv. A key or IV built from a string constant is the same in every copy of the APK, so anyone who unpacks it can decrypt what it protects.',
        zh: '《个人信息保护法》第五十一条；MobSF android_hardcoded、android_weak_iv。由字符串常量生成的密钥或 IV 在每个安装包中都相同，任何人解包即可解密其保护的数据。',
      },
      fix: {
        en: 'Generate keys in the Android Keystore (or derive them per user), and use a random IV for every encryption.',
        zh: '在 Android Keystore 中生成密钥（或按用户派生），每次加密使用随机 IV。',
      },
    },
  },
  messages: {
    key: {
      en: '{api} is built from a constant of {length} characters, "{prefix}…" ({owner:owner})',
      zh: '{api} 由长度为 {length} 个字符的常量 "{prefix}…" 构造（{owner:owner}）',
    },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined) return;
    for (const [cls, api] of KEY_SPECS) {
      for (const site of code.invokesOf(cls, '<init>').filter((s) => facts.isLiveSite(s))) {
        const arg = eventAt(facts, site)?.args[1];
        if (arg?.t !== 'bytes') continue;
        // Enough of the constant to find it in the code, not enough to use it.
        const prefix = arg.of.slice(0, arg.of.length > 24 ? 4 : 2);
        const ev = { ...siteEvidence(facts, site, api), note: { id: 'constant-bytes', data: { length: arg.of.length } } };
        // A key and its IV are usually made in one method: the API tells the two findings apart.
        yield { messageId: 'key', verdict: 'warn', data: { api, prefix, length: arg.of.length, owner: ownerKey(ev.owner) }, evidence: [ev], key: api };
      }
    }
  },
});
