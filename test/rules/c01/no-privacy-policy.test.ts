import check from '../../../rules/c01/no-privacy-policy.js';
import { testCheck } from '../../helpers/rule-tester.js';

const APP = 'manifest:/manifest/application';

testCheck(check, {
  fires: [
    { fixture: 'code-risky', expect: [{ messageId: 'none', verdict: 'fail', at: APP, data: { sources: 'textSources' } }] },
    { fixture: 'manifest-risky', expect: [{ messageId: 'none', verdict: 'fail', at: APP }] },
    // Only an SDK's resources and code mention a privacy policy: not the app's.
    { fixture: 'policy-sdk-only', expect: [{ messageId: 'none', verdict: 'fail', at: APP }] },
  ],
  // A policy in resources (demo-shop, in a dialog and as a link), in assets (clean), in
  // Traditional Chinese and English only (policy-english).
  silent: [{ fixture: 'demo-shop' }, { fixture: 'clean' }, { fixture: 'strings-basic' }, { fixture: 'policy-english' }],
  unexercised: {
    cut: 'needs an app whose text the string index cut at its size limit; no fixture is that large (fixtures are not built for this change)',
  },
});
