import check from '../../../rules/c10/hostname-verifier.js';
import { testCheck } from '../../helpers/rule-tester.js';

const C = 'dex:Lorg/pledgeaudit/fixture/code';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        { messageId: 'alwaysTrue', verdict: 'fail', at: `${C}/net/AnyHost;->verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z`, data: { cls: 'Lorg/pledgeaudit/fixture/code/net/AnyHost;', owner: 'app' } },
        { messageId: 'allowAll', verdict: 'fail', at: `${C}/net/AnyHost;->legacy()Ljava/lang/Object;` },
      ],
    },
  ],
  // code-safe's bundled org.apache.http SSLSocketFactory defines ALLOW_ALL_HOSTNAME_VERIFIER in its
  // static initialiser; nothing reads it: a constant defined, not a verifier used.
  silent: [{ fixture: 'code-safe' }],
});
