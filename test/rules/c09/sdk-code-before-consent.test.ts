import check from '../../../rules/c09/sdk-code-before-consent.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // Application.onCreate calls Getui's PushManager.getInstance() and setTag (no catalogued start
      // entry point); Firebase's own init provider runs at launch (a utility SDK, so not
      // c09/auto-init-provider's). Getui's GtcProvider is a tracking SDK's provider: that check's.
      fixture: 'sdk-starts',
      expect: [
        {
          messageId: 'calls',
          verdict: 'warn',
          at: 'dex:Lorg/pledgeaudit/fixture/sdkstarts/App;->onCreate()V',
          owner: 'app',
          data: { sdk: 'getui-push', api: 'Lcom/igexin/sdk/PushManager;->getInstance', rootKind: 'application', root: 'Lorg/pledgeaudit/fixture/sdkstarts/App;->onCreate', path: ['Lorg/pledgeaudit/fixture/sdkstarts/App;->onCreate()V'] },
        },
        {
          messageId: 'component',
          verdict: 'warn',
          at: 'dex:Lcom/google/firebase/provider/FirebaseInitProvider;->onCreate()Z',
          owner: 'firebase-core',
          data: { sdk: 'firebase-core', rootKind: 'provider', root: 'Lcom/google/firebase/provider/FirebaseInitProvider;->onCreate' },
        },
      ],
    },
  ],
  // The SDK starts in these fixtures are known entry points (c09/sdk-init-before-consent) or
  // compliance APIs, which this check leaves alone.
  silent: [{ fixture: 'consent-unsafe' }, { fixture: 'demo-shop' }, { fixture: 'consent-safe' }, { fixture: 'clean' }],
});
