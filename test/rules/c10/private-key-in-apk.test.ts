import check from '../../../rules/c10/private-key-in-apk.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'tls-weak',
      expect: [
        { messageId: 'pem', verdict: 'fail', at: 'file:assets/certs/client_key.txt', data: { entry: 'assets/certs/client_key.txt' } },
        { messageId: 'file', verdict: 'fail', at: 'file:assets/certs/client.p12', data: { entry: 'assets/certs/client.p12' } },
      ],
    },
  ],
  // tls-weak's res/raw/corp_ca.pem is a public CA certificate, not a key: it is not reported.
  silent: [{ fixture: 'clean' }, { fixture: 'nsc-domain-cleartext' }],
  unexercised: {
    pemInCode: 'no fixture has a PEM private key in a DEX string constant (tls-weak keeps its key in assets)',
  },
});
