import check from '../../../rules/c01/bundled-policy-incomplete.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // The bundled privacy policy lacks an SDK list and sensitive PI; the user agreement in
      // res/raw is not a privacy policy and is not judged.
      fixture: 'strings-basic',
      expect: [{ messageId: 'missing', verdict: 'warn', at: 'file:assets/privacy.html', data: { entry: 'assets/privacy.html', missing: ['policySection:sdks', 'policySection:sensitive'] } }],
    },
    {
      fixture: 'demo-shop',
      expect: [{ messageId: 'remote', verdict: 'review', at: 'resource:string/privacy_url', data: { url: 'http://www.example.com/shiguang/privacy.html' } }],
    },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
});
