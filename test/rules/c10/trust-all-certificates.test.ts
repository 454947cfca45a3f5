import check from '../../../rules/c10/trust-all-certificates.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'trustAll',
          verdict: 'fail',
          at: 'dex:Lorg/pledgeaudit/fixture/code/net/TrustAll;->checkServerTrusted([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V',
          owner: 'app',
          data: { cls: 'Lorg/pledgeaudit/fixture/code/net/TrustAll;', owner: 'app' },
        },
      ],
    },
  ],
  // code-safe's bundled org.apache.http SSLSocketFactory puts an empty TrustManager into a static
  // array in its static initialiser; nothing reads the field, so no connection ever uses it.
  silent: [{ fixture: 'code-safe' }],
});
