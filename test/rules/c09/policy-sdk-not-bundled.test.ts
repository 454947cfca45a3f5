import check from '../../../rules/c09/policy-sdk-not-bundled.js';
import { policyFixture } from '../../helpers/policies.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // The policy lists Getui (个推), which the demo app does not bundle.
      fixture: 'demo-shop',
      options: { policy: policyFixture('demo-shop-omits.zh.txt') },
      expect: [
        { messageId: 'notBundled', verdict: 'review', at: 'file:demo-shop-omits.zh.txt', data: { sdk: 'getui-push', entry: 'demo-shop-omits.zh.txt', quote: '个推推送 SDK（每日互动股份有限公司）：消息推送；' } },
      ],
    },
    {
      fixture: 'demo-shop',
      options: { policy: policyFixture('demo-shop-omits.en.txt') },
      expect: [{ messageId: 'notBundled', verdict: 'review', at: 'file:demo-shop-omits.en.txt', data: { sdk: 'getui-push', entry: 'demo-shop-omits.en.txt', quote: '- Getui Push SDK (Getui): push notifications;' } }],
    },
    {
      // The demo app's policy against another app: AMap, JPush and Umeng are named and not bundled there.
      fixture: 'sdk-starts',
      options: { policy: policyFixture('demo-shop-omits.en.txt') },
      expect: [
        { messageId: 'notBundled', verdict: 'review', data: { sdk: 'amap-location', entry: 'demo-shop-omits.en.txt', quote: '- AMap Location SDK (AutoNavi): nearby stores;' } },
        { messageId: 'notBundled', verdict: 'review', data: { sdk: 'umeng-analytics', entry: 'demo-shop-omits.en.txt', quote: '- Umeng Analytics and Umeng Common SDK (Umeng): analytics;' } },
        { messageId: 'notBundled', verdict: 'review', data: { sdk: 'umeng-common', entry: 'demo-shop-omits.en.txt', quote: '- Umeng Analytics and Umeng Common SDK (Umeng): analytics;' } },
      ],
    },
    { fixture: 'demo-shop', expect: [{ messageId: 'remote', verdict: 'review', at: 'resource:string/privacy_url', data: { url: 'http://www.example.com/shiguang/privacy.html' } }] },
    { fixture: 'sdk-starts', expect: [{ messageId: 'noPolicy', verdict: 'review', at: 'manifest:/manifest/application' }] },
  ],
  silent: [
    // Names only what the app bundles; "OAID" (a PI kind, in the Umeng row) does not name Huawei's OAID SDK.
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-complete.zh.md') } },
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-complete.en.html') } },
    // No SDK section at all.
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-no-sdk-section.zh.txt') } },
    // A bundled policy naming only bundled SDKs.
    { fixture: 'policy-sdks' },
  ],
});
