import check from '../../../rules/c04/third-party-endpoints.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // Umeng's log host, in Umeng's own code.
      fixture: 'demo-shop',
      expect: [
        {
          messageId: 'hosts',
          verdict: 'review',
          at: 'dex:Lcom/umeng/analytics/MobclickAgent;->onEvent(Landroid/content/Context;Ljava/lang/String;)V',
          owner: 'umeng-analytics',
          data: { count: 1, sdk: 'umeng-analytics', hosts: ['alog.umeng.com'] },
        },
      ],
    },
  ],
  // demo-shop's own API host and code-risky's price endpoint belong to no tracking vendor.
  silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
});
