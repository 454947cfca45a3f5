import check from '../../../rules/c02/periodic-collection.js';
import { testCheck } from '../../helpers/rule-tester.js';

const PER = 'Lorg/pledgeaudit/fixture/periodic';

testCheck(check, {
  fires: [
    {
      fixture: 'periodic',
      // The one-shot Timer task reading the IMEI is not reported.
      expect: [
        {
          messageId: 'loop',
          verdict: 'review',
          at: `dex:${PER}/LocationPoller;->run()V`,
          owner: 'app',
          path: [`${PER}/LocationPoller;->run()V`],
          data: { kinds: ['LOCATION'], task: `${PER}/LocationPoller;`, shape: 'periodic:timer' },
        },
        {
          messageId: 'loop',
          verdict: 'review',
          at: `dex:${PER}/DeviceIds;->androidId(Landroid/content/Context;)Ljava/lang/String;`,
          owner: 'app',
          path: [`${PER}/Heartbeat;->run()V`, `${PER}/DeviceIds;->androidId(Landroid/content/Context;)Ljava/lang/String;`],
          data: { kinds: ['ANDROID_ID'], task: `${PER}/Heartbeat;`, shape: 'periodic:handler-loop' },
        },
      ],
    },
  ],
  silent: [{ fixture: 'code-risky' }, { fixture: 'demo-shop' }, { fixture: 'clean' }],
});
