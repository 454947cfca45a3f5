import type { CheckCases } from '../../helpers/rule-tester.js';

const D = 'dex:';
const M = 'manifest:';
const APP = `${M}/manifest/application`;

/** Fire/silent cases of the clause's checks not yet moved into a test file beside their check. */
export const CASES: Record<string, CheckCases> = {
  'c01/bulk-permission-request': {
    // Three groups from a static array built in <clinit>.
    fires: [{ fixture: 'permissions-bulk', expect: [{ messageId: 'bundle', verdict: 'warn', at: `${D}Lorg/pledgeaudit/fixture/permsbulk/MainActivity;->onCreate(Landroid/os/Bundle;)V`, owner: 'app' }] }],
    // One group on launch; two groups on a screen the user opened.
    silent: [{ fixture: 'permissions-single' }, { fixture: 'code-safe' }],
  },
  'c01/target-sdk-below-23': {
    fires: [{ fixture: 'manifest-risky', expect: [{ messageId: 'legacy', verdict: 'warn', at: `${M}/manifest/uses-sdk/@android:targetSdkVersion` }] }],
    silent: [{ fixture: 'clean' }, { fixture: 'manifest-legacy' }],
  },
  'c01/no-privacy-policy': {
    fires: [
      { fixture: 'code-risky', expect: [{ messageId: 'none', verdict: 'fail', at: APP }] },
      { fixture: 'manifest-risky', expect: [{ messageId: 'none', verdict: 'fail', at: APP }] },
      // Only an SDK's resources and code mention a privacy policy: not the app's.
      { fixture: 'policy-sdk-only', expect: [{ messageId: 'none', verdict: 'fail', at: APP }] },
    ],
    // A policy in resources (demo-shop, in a dialog and as a link), in assets (clean), in
    // Traditional Chinese and English only (policy-english).
    silent: [{ fixture: 'demo-shop' }, { fixture: 'clean' }, { fixture: 'strings-basic' }, { fixture: 'policy-english' }],
  },
  'c01/no-consent-choice': {
    fires: [{ fixture: 'consent-weak', expect: [{ messageId: 'weak', verdict: 'warn', at: 'resource:string/notice_ok' }] }],
    // 不同意 (demo-shop, clean), Decline (policy-english); no policy at all (code-risky).
    silent: [{ fixture: 'demo-shop' }, { fixture: 'clean' }, { fixture: 'policy-english' }, { fixture: 'code-risky' }],
  },
  'c01/pre-ticked-consent': {
    fires: [
      { fixture: 'demo-shop', expect: [{ messageId: 'ticked', verdict: 'warn' }] },
      {
        fixture: 'strings-basic',
        expect: [
          { messageId: 'ticked', verdict: 'warn' },
          { messageId: 'ticked', verdict: 'warn' },
        ],
      },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'consent-weak' }],
  },
  'c01/policy-not-chinese': {
    fires: [{ fixture: 'policy-english', expect: [{ messageId: 'only', verdict: 'warn', at: 'resource:string/privacy_message' }] }],
    silent: [{ fixture: 'clean' }, { fixture: 'demo-shop' }, { fixture: 'code-risky' }],
  },
  'c01/bundled-policy-incomplete': {
    fires: [
      // The bundled privacy policy lacks an SDK list and sensitive PI; the user agreement in
      // res/raw is not a privacy policy and is not judged.
      { fixture: 'strings-basic', expect: [{ messageId: 'missing', verdict: 'warn' }] },
      { fixture: 'demo-shop', expect: [{ messageId: 'remote', verdict: 'review', at: 'resource:string/privacy_url' }] },
    ],
    silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
  },
};
