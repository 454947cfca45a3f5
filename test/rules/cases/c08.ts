import type { CheckCases } from '../../helpers/rule-tester.js';

const APP = 'manifest:/manifest/application';

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
  'c08/no-complaint-channel': {
    fires: [
      { fixture: 'rights-missing', expect: [{ messageId: 'none', verdict: 'warn', at: 'resource:string/privacy_message' }] },
      { fixture: 'rights-remote', expect: [{ messageId: 'none', verdict: 'warn', at: 'resource:string/privacy_message' }] },
      { fixture: 'rights-shell', expect: [{ messageId: 'blind', verdict: 'review', at: APP }] },
    ],
    // E-mail and phone in the bundled policy (rights-complete), 意见反馈 (rights-conditions), a
    // FeedbackActivity (rights-api-only), 联系我们 with an e-mail (demo-shop), no PI (coverage-shell).
    silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-conditions' }, { fixture: 'rights-api-only' }, { fixture: 'demo-shop' }, { fixture: 'coverage-shell' }],
  },
  'c08/complaint-channel': {
    fires: [
      { fixture: 'rights-complete', expect: [{ messageId: 'contact', verdict: 'review', at: 'file:assets/privacy.html' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'contact', verdict: 'review', at: 'resource:string/settings_contact' }] },
      { fixture: 'rights-api-only', expect: [{ messageId: 'contact', verdict: 'review', at: "manifest:/manifest/application/activity[@android:name='org.pledgeaudit.fixture.rights.api.FeedbackActivity']" }] },
      // Only a label: where it leads is a UI question.
      { fixture: 'rights-conditions', expect: [{ messageId: 'termsOnly', verdict: 'review', at: 'resource:string/feedback' }] },
    ],
    silent: [{ fixture: 'rights-missing' }, { fixture: 'rights-remote' }, { fixture: 'rights-shell' }],
  },
};
