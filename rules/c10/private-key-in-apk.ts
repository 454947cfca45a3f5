import { defineCheck } from '../../src/engine/check.js';
import { siteEvidence } from '../../src/facts/evidence.js';
import { keyMaterialFiles, pemPrivateKeyStrings } from '../../src/facts/key-material.js';

export default defineCheck({
  meta: {
    id: 'c10/private-key-in-apk',
    clause: 10,
    title: { en: 'Private key or keystore shipped in the APK', zh: 'APK 中包含私钥或密钥库' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'declared',
    needs: ['manifest'],
    docs: {
      basis: {
        en: "PIPL Art. 51; MobSF hardcoded certificate/keystore checks; apkleaks RSA_Private_Key. Everything in an APK is public: a private key or keystore in it is a key anyone can use to impersonate the app's servers or clients.",
        zh: '《个人信息保护法》第五十一条；MobSF 硬编码证书/密钥库检查；apkleaks RSA_Private_Key。APK 中的一切都是公开的：其中的私钥或密钥库任何人都能用来冒充应用的服务器或客户端。',
      },
      fix: {
        en: 'Remove the key from the APK, revoke and rotate it, and provision client credentials at run time (per device, from your server, into the Android Keystore).',
        zh: '从 APK 中删除该密钥并吊销、轮换，运行时再下发客户端凭据（按设备，从服务器写入 Android Keystore）。',
      },
    },
  },
  messages: {
    file: { en: '{entry} is a keystore file', zh: '{entry} 是密钥库文件' },
    pem: { en: '{entry} contains a PEM private key', zh: '{entry} 含有 PEM 格式私钥' },
    pemInCode: { en: 'a string constant in {cls:class} contains a PEM private key', zh: '{cls:class} 中的字符串常量含有 PEM 格式私钥' },
  },
  *check({ facts }) {
    for (const f of keyMaterialFiles(facts)) {
      if (f.kind === 'keystore') yield { messageId: 'file', verdict: 'fail', data: { entry: f.entry }, evidence: [{ location: { kind: 'file', entry: f.entry }, note: { id: 'keystore-file-type' } }] };
      else yield { messageId: 'pem', verdict: 'fail', data: { entry: f.entry }, evidence: [{ location: { kind: 'file', entry: f.entry }, detail: f.header }] };
    }
    for (const { site, header } of pemPrivateKeyStrings(facts)) {
      yield { messageId: 'pemInCode', verdict: 'fail', data: { cls: facts.code?.callerClass(site) ?? '' }, evidence: [siteEvidence(facts, site, header)] };
    }
  },
});
