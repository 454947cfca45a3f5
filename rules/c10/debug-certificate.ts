import { defineCheck } from '../../src/engine/check.js';

export default defineCheck({
  meta: {
    id: 'c10/debug-certificate',
    clause: 10,
    title: { en: 'Signed with the Android debug certificate', zh: '使用 Android 调试证书签名' },
    defaultVerdict: 'fail',
    verdicts: ['fail'],
    evidence: 'declared',
    needs: ['signing'],
    docs: {
      basis: {
        en: 'PIPL Art. 51; MobSF cert_analysis.py. The debug keystore\'s key is not secret (every SDK install generates one, and many are published), so anyone can sign an "update" that replaces the app and reads its data.',
        zh: '《个人信息保护法》第五十一条；MobSF cert_analysis.py。调试密钥库的私钥并不保密（每次安装 SDK 都会生成，大量已公开），任何人都能签出可覆盖安装并读取应用数据的"更新"。',
      },
      fix: {
        en: 'Sign releases with your own release key (kept in a keystore or Play App Signing), never the debug keystore.',
        zh: '使用自有发布密钥（密钥库或 Play 应用签名）签名发布版本，不要使用调试密钥库。',
      },
    },
  },
  messages: {
    debug: {
      en: 'the {scheme} signer certificate is "{subject}" (the SDK debug keystore)',
      zh: '{scheme} 签名证书为 "{subject}"（SDK 调试密钥库）',
    },
  },
  *check({ facts }) {
    const info = facts.signing;
    if (info === undefined) return;
    const seen = new Set<string>();
    for (const signer of info.signers) {
      if (!signer.certificate.isDebug || seen.has(signer.certificate.sha256)) continue;
      seen.add(signer.certificate.sha256);
      yield {
        messageId: 'debug',
        verdict: 'fail',
        data: { scheme: signer.scheme, subject: signer.certificate.subject },
        evidence: [{ location: { kind: 'signing', entry: signer.entry ?? 'APK Signing Block', scheme: signer.scheme, signer: signer.index }, detail: `SHA-256 ${signer.certificate.sha256}` }],
      };
    }
  },
});
