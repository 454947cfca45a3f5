import check from '../../../rules/c01/no-consent-choice.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    // The notice's only button is 我知道了.
    { fixture: 'consent-weak', expect: [{ messageId: 'weak', verdict: 'warn', at: 'resource:string/notice_ok', data: { weak: ['我知道了'] } }] },
    // "请阅读《隐私政策》" and nothing to refuse with, not even a weak acknowledgement.
    { fixture: 'rights-conditions', expect: [{ messageId: 'noRefuse', verdict: 'warn', at: 'resource:string/privacy_message', data: {} }] },
  ],
  // 不同意 (demo-shop, clean), Decline (policy-english); no policy at all (code-risky).
  silent: [{ fixture: 'demo-shop' }, { fixture: 'clean' }, { fixture: 'policy-english' }, { fixture: 'code-risky' }],
});
