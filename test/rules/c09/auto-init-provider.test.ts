import check from '../../../rules/c09/auto-init-provider.js';
import { testCheck } from '../../helpers/rule-tester.js';

const comp = (kind: string, name: string) => `manifest:/manifest/application/${kind}[@android:name='${name}']`;

testCheck(check, {
  fires: [
    {
      fixture: 'manifest-risky',
      expect: [
        {
          // The provider's code is not in the DEX: what it does cannot be checked.
          messageId: 'declared',
          verdict: 'review',
          at: comp('provider', 'cn.jpush.android.service.InitProvider'),
          owner: 'jpush',
          data: { sdk: 'jpush', name: 'cn.jpush.android.service.InitProvider' },
        },
        {
          messageId: 'initializer',
          verdict: 'warn',
          at: `${comp('provider', 'androidx.startup.InitializationProvider')}/meta-data[@android:name='com.umeng.commonsdk.UMInitializer']`,
          owner: 'umeng-common',
          data: { sdk: 'umeng-common', name: 'com.umeng.commonsdk.UMInitializer' },
        },
      ],
    },
    {
      // JPush's InitProvider.onCreate calls JPushInterface.init.
      fixture: 'demo-shop',
      expect: [
        {
          messageId: 'provider',
          verdict: 'warn',
          at: comp('provider', 'cn.jpush.android.service.InitProvider'),
          owner: 'jpush',
          data: { sdk: 'jpush', name: 'cn.jpush.android.service.InitProvider', apis: ['Lcn/jpush/android/api/JPushInterface;->init'] },
        },
      ],
    },
    {
      // Getui's GtcProvider.onCreate reads the IMEI itself.
      fixture: 'sdk-starts',
      expect: [
        { messageId: 'providerReads', verdict: 'warn', at: comp('provider', 'com.getui.gtc.base.GtcProvider'), owner: 'getui-push', data: { sdk: 'getui-push', name: 'com.getui.gtc.base.GtcProvider', kinds: ['IMEI'] } },
      ],
    },
  ],
  // manifest-protected registers Sentry's provider but sets io.sentry.auto-init=false.
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
});
