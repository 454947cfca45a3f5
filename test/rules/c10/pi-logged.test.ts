import check from '../../../rules/c10/pi-logged.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // App.onCreate logs the IMEI it reads with Log.i.
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'logged',
          verdict: 'warn',
          at: 'dex:Lorg/pledgeaudit/fixture/code/App;->onCreate()V',
          owner: 'app',
          data: { api: 'Landroid/telephony/TelephonyManager;->getDeviceId', kind: 'IMEI', sink: 'Landroid/util/Log;->i', owner: 'app' },
        },
      ],
    },
    { fixture: 'demo-shop', expect: [{ messageId: 'logged', verdict: 'warn', at: 'dex:Lcom/example/shiguang/ShopApplication;->onCreate()V' }] },
  ],
  // sdk-mix reads an IMEI but never logs it.
  silent: [{ fixture: 'code-safe' }, { fixture: 'sdk-mix' }],
});
