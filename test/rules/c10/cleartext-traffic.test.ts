import check from '../../../rules/c10/cleartext-traffic.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    { fixture: 'manifest-risky', expect: [{ messageId: 'explicit', verdict: 'warn', at: 'manifest:/manifest/application/@android:usesCleartextTraffic' }] },
    // No usesCleartextTraffic, no network security config, and a targetSdk of 27 or less.
    { fixture: 'manifest-defaults', expect: [{ messageId: 'defaulted', verdict: 'warn', at: 'manifest:/manifest/uses-sdk/@android:targetSdkVersion', data: { targetSdk: 27 } }] },
    { fixture: 'tls-weak', expect: [{ messageId: 'nscBase', verdict: 'warn', at: 'file:res/xml/network_security_config.xml' }] },
  ],
  // nsc-domain-cleartext allows HTTP for one named domain only (targetSdk 30, base-config unset).
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }, { fixture: 'nsc-domain-cleartext' }],
});
