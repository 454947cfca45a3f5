import check from '../../../rules/c10/weak-crypto.js';
import { testCheck } from '../../helpers/rule-tester.js';

const WEAK = 'dex:Lorg/pledgeaudit/fixture/code/crypto/Crypto;->weak()V';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        { messageId: 'broken', verdict: 'warn', at: WEAK, data: { value: 'DES/CBC/PKCS5Padding', owner: 'app' } },
        // A bare "AES" is AES/ECB/PKCS5Padding on Android.
        { messageId: 'ecb', verdict: 'warn', at: WEAK, data: { value: 'AES', owner: 'app' } },
        { messageId: 'rsaNoOaep', verdict: 'warn', at: WEAK, data: { value: 'RSA/ECB/PKCS1Padding', owner: 'app' } },
        { messageId: 'digest', verdict: 'warn', at: WEAK, data: { value: 'SHA-1', owner: 'app' } },
        // MD5 of "appkey:device" handed through Wire.b into a SecretKeySpec: key material.
        { messageId: 'digest', verdict: 'warn', at: 'dex:Lorg/pledgeaudit/fixture/code/crypto/Wire;->a(Ljava/lang/String;)[B', data: { value: 'MD5', owner: 'app' } },
      ],
    },
  ],
  // reflection-liveness: Hash.md5 names a cache file; its getPasswordMD5 caller never runs.
  silent: [{ fixture: 'code-safe' }, { fixture: 'reflection-liveness' }],
});
