import check from '../../../rules/c05/usage-stats.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    { fixture: 'manifest-risky', expect: [{ messageId: 'permission', verdict: 'warn', at: "manifest:/manifest/uses-permission[@android:name='android.permission.PACKAGE_USAGE_STATS']" }] },
    {
      // The app queries UsageStatsManager.
      fixture: 'code-risky',
      expect: [
        {
          messageId: 'code',
          verdict: 'warn',
          at: 'dex:Lorg/pledgeaudit/fixture/code/MainActivity;->usage(Landroid/app/usage/UsageStatsManager;)V',
          owner: 'app',
          data: { owner: 'app', apis: ['Landroid/app/usage/UsageStatsManager;->queryUsageStats'] },
        },
      ],
    },
  ],
  silent: [{ fixture: 'clean' }],
});
