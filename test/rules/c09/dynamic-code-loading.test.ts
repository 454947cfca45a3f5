import check from '../../../rules/c09/dynamic-code-loading.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // The app's own Crypto.loadPlugin builds a DexClassLoader.
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'loads',
          verdict: 'review',
          at: 'dex:Lorg/pledgeaudit/fixture/code/crypto/Crypto;->loadPlugin(Ljava/lang/String;Ljava/lang/ClassLoader;)Ljava/lang/ClassLoader;',
          owner: 'app',
          data: { owner: 'app', apis: ['DexClassLoader'] },
        },
      ],
    },
  ],
  silent: [{ fixture: 'code-safe' }],
});
