import check from '../../../rules/c10/trusts-user-certificates.js';
import { testCheck } from '../../helpers/rule-tester.js';

const NSC = 'file:res/xml/network_security_config.xml';

testCheck(check, {
  fires: [
    {
      // user anchors in the base-config; overridePins on @raw/corp_ca in the pay.example.com domain-config.
      fixture: 'tls-weak',
      expect: [
        { messageId: 'user', verdict: 'warn', at: NSC, data: { file: 'res/xml/network_security_config.xml' } },
        { messageId: 'overridePins', verdict: 'warn', at: NSC, data: { file: 'res/xml/network_security_config.xml', domains: ['pay.example.com'], src: 'res/raw/corp_ca.pem' } },
      ],
    },
  ],
  // nsc-domain-cleartext trusts user CAs only inside <debug-overrides>.
  silent: [{ fixture: 'nsc-domain-cleartext' }, { fixture: 'clean' }],
  unexercised: {
    userDomain: 'no fixture trusts user certificates inside a domain-config (tls-weak and demo-shop do it in the base-config)',
    overridePinsBase: 'no fixture sets overridePins="true" in the base-config (tls-weak does it in a domain-config)',
  },
});
