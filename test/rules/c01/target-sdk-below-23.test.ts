import check from '../../../rules/c01/target-sdk-below-23.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // targetSdkVersion 22 with eight dangerous permissions, all granted at install.
      fixture: 'manifest-risky',
      expect: [
        {
          messageId: 'legacy',
          verdict: 'warn',
          at: 'manifest:/manifest/uses-sdk/@android:targetSdkVersion',
          data: {
            targetSdk: 22,
            count: 8,
            permissions: ['READ_PHONE_STATE', 'ACCESS_FINE_LOCATION', 'ACCESS_BACKGROUND_LOCATION', 'READ_CONTACTS', 'READ_PHONE_NUMBERS', 'READ_SMS', 'RECEIVE_SMS', 'READ_CALL_LOG'],
          },
        },
      ],
    },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-legacy' }],
});
