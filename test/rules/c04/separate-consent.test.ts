import check from '../../../rules/c04/separate-consent.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'demo-shop',
      expect: [{ messageId: 'missing', verdict: 'review', at: 'dex:Lcom/example/shiguang/location/LocationHelper;->start(Landroid/content/Context;)V', owner: 'app', data: { kinds: ['LOCATION'] } }],
    },
    { fixture: 'code-risky', expect: [{ messageId: 'missing', verdict: 'review', owner: 'pangle', data: { kinds: ['LOCATION', 'MICROPHONE', 'SMS'] } }] },
  ],
  // Location read with a text asking for a separate consent (consent-safe).
  silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }, { fixture: 'manifest-risky' }],
});
