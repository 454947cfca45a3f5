import check from '../../../rules/c10/exported-provider.js';
import { testCheck } from '../../helpers/rule-tester.js';

const APP = 'manifest:/manifest/application';
const ORDERS = `${APP}/provider[@android:name='org.pledgeaudit.fixture.risky.OrdersProvider']`;

testCheck(check, {
  fires: [
    {
      // OrdersProvider: exported="true", no permission, grantUriPermissions="true" with no path.
      fixture: 'manifest-risky',
      expect: [
        { messageId: 'exported', verdict: 'warn', at: `${ORDERS}/@android:exported`, data: { name: 'org.pledgeaudit.fixture.risky.OrdersProvider', targetSdk: 22 } },
        { messageId: 'grantAll', verdict: 'warn', at: ORDERS, data: { name: 'org.pledgeaudit.fixture.risky.OrdersProvider' } },
      ],
    },
    { fixture: 'manifest-legacy', expect: [{ messageId: 'implied', verdict: 'warn', at: `${APP}/provider[@android:name='org.pledgeaudit.fixture.legacy.NotesProvider']` }] },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }, { fixture: 'manifest-defaults' }],
  unexercised: {
    broadGrant: 'no fixture has a <grant-uri-permission> on a whole-provider path ("/", ".*"); manifest-risky grants on every path by grantUriPermissions="true" alone (grantAll)',
  },
});
