import check from '../../../rules/c05/monitoring-api-in-ads-sdk.js';
import { testCheck } from '../../helpers/rule-tester.js';

const RECORD = 'dex:Lcom/bytedance/sdk/openadsdk/core/DeviceSignals;->record(Landroid/media/AudioRecord;)V';

testCheck(check, {
  fires: [
    {
      // Pangle records audio; its sendTextMessage call is not monitoring.
      fixture: 'code-risky',
      expect: [{ messageId: 'sdk', verdict: 'warn', at: RECORD, owner: 'pangle', data: { sdk: 'pangle', category: 'ads', kinds: ['MICROPHONE'] } }],
    },
    { fixture: 'code-risky', options: { strict: true }, expect: [{ messageId: 'sdk', verdict: 'fail', at: RECORD, owner: 'pangle' }] },
  ],
  silent: [{ fixture: 'code-safe' }],
});
