import check from '../../../rules/c02/pi-not-in-policy.js';
import { policyFixture } from '../../helpers/policies.js';
import { testCheck } from '../../helpers/rule-tester.js';

const CLIPBOARD_AT = 'dex:Lcom/example/shiguang/MainActivity;->onResume()V';

testCheck(check, {
  fires: [
    {
      // The demo app links its policy only.
      fixture: 'demo-shop',
      expect: [
        {
          messageId: 'remote',
          verdict: 'review',
          at: 'resource:string/privacy_url',
          data: { url: 'http://www.example.com/shiguang/privacy.html', kinds: ['ANDROID_ID', 'APPLIST', 'CLIPBOARD', 'IMEI', 'IMSI', 'LOCATION', 'MAC'] },
        },
      ],
    },
    {
      // Reads the IMEI, and has no policy text or link at all.
      fixture: 'consent-unsafe',
      expect: [{ messageId: 'noPolicy', verdict: 'review', at: 'manifest:/manifest/application', data: { kinds: ['ANDROID_ID', 'IMEI', 'LOCATION', 'MAC'] } }],
    },
    {
      // The policy never mentions the clipboard, which MainActivity.onResume reads.
      fixture: 'demo-shop',
      options: { policy: policyFixture('demo-shop-omits.zh.txt') },
      expect: [
        { messageId: 'unmentioned', verdict: 'warn', at: CLIPBOARD_AT, owner: 'app', data: { owners: ['app'], kind: 'CLIPBOARD', entry: 'demo-shop-omits.zh.txt', terms: ['剪切板', '剪贴板', 'clipboard'] } },
      ],
    },
    {
      fixture: 'demo-shop',
      options: { policy: policyFixture('demo-shop-omits.en.txt') },
      expect: [{ messageId: 'unmentioned', verdict: 'warn', at: CLIPBOARD_AT, owner: 'app', data: { owners: ['app'], kind: 'CLIPBOARD', entry: 'demo-shop-omits.en.txt', terms: ['剪切板', '剪贴板', 'clipboard'] } }],
    },
    {
      // The Getui provider reads the IMEI; no policy text or link in the app.
      fixture: 'sdk-starts',
      expect: [{ messageId: 'noPolicy', verdict: 'review', data: { kinds: ['IMEI'] } }],
    },
  ],
  silent: [
    // Every kind mentioned, in zh (Markdown), en (HTML: the style's "IMEI" and the script are not text) and without an SDK section.
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-complete.zh.md') } },
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-complete.en.html') } },
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-no-sdk-section.zh.txt') } },
    { fixture: 'demo-shop', options: { policy: policyFixture('demo-shop-no-sdk-section.en.md') } },
    // No PI read at all.
    { fixture: 'clean' },
  ],
});
