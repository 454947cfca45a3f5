import check from '../../../rules/c10/hardcoded-key.js';
import { testCheck } from '../../helpers/rule-tester.js';

const KEYS = 'dex:Lorg/pledgeaudit/fixture/code/crypto/Crypto;->keys()V';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        // Only the first characters of a constant are shown, never the key itself.
        { messageId: 'key', verdict: 'warn', at: KEYS, data: { api: 'SecretKeySpec', prefix: '01', length: 16, owner: 'app' } },
        { messageId: 'key', verdict: 'warn', at: KEYS, data: { api: 'IvParameterSpec', prefix: 'AA', length: 24, owner: 'app' } },
      ],
    },
  ],
  // code-safe builds its key from a parameter.
  silent: [{ fixture: 'code-safe' }],
});
