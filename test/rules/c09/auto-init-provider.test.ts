import check from '../../../rules/c09/auto-init-provider.js';
import { testCheck } from '../../helpers/rule-tester.js';

const comp = (kind: string, name: string) => `manifest:/manifest/application/${kind}[@android:name='${name}']`;

testCheck(check, {
  fires: [
    {
      fixture: 'manifest-risky',
      expect: [
        {
          messageId: 'provider',
          verdict: 'warn',
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
  ],
  // manifest-protected registers Sentry's provider but sets io.sentry.auto-init=false.
  silent: [{ fixture: 'clean' }, { fixture: 'manifest-protected' }],
});
