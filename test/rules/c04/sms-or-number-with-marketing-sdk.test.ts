import check from '../../../rules/c04/sms-or-number-with-marketing-sdk.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // Pangle sends SMS, the app reads the line number; Pangle is the marketing SDK (Umeng common is analytics infrastructure).
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'smsAndNumber',
          verdict: 'warn',
          at: 'dex:Lcom/bytedance/sdk/openadsdk/core/DeviceSignals;->sms(Landroid/telephony/SmsManager;)V',
          data: { readers: ['sdk:pangle', 'app'], sdks: ['pangle'] },
        },
      ],
    },
  ],
  silent: [{ fixture: 'code-safe' }],
  unexercised: {
    smsOnly: 'no fixture sends SMS without also reading the phone number: only code-risky calls sendTextMessage, and it reads the line number too; no fixture requests SEND_SMS',
    numberOnly: 'only code-risky reads the line number (getLine1Number), and it sends SMS too',
  },
});
