import check from '../../../rules/c04/face-recognition-sdk.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // Megvii Face++ bundled (its liveness activity and classes).
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'face',
          verdict: 'review',
          at: "manifest:/manifest/application/activity[@android:name='com.megvii.livenesslib.LivenessActivity']",
          owner: 'megvii-faceplusplus',
          data: { sdk: 'megvii-faceplusplus' },
        },
      ],
    },
  ],
  silent: [{ fixture: 'code-safe' }],
});
