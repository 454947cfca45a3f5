import check from '../../../rules/c09/self-start-receiver.js';
import { testCheck } from '../../helpers/rule-tester.js';

const R = 'org.pledgeaudit.fixture.risky';

testCheck(check, {
  fires: [
    {
      fixture: 'manifest-risky',
      expect: [
        {
          messageId: 'receiver',
          verdict: 'warn',
          at: `manifest:/manifest/application/receiver[@android:name='${R}.BootReceiver']`,
          data: { name: `${R}.BootReceiver`, actions: ['android.intent.action.BOOT_COMPLETED', 'android.intent.action.USER_PRESENT'] },
        },
      ],
    },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
});
