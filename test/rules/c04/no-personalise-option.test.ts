import check from '../../../rules/c04/no-personalise-option.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // JPush and Umeng bundled, no 个性化 switch in any text.
      fixture: 'demo-shop',
      expect: [{ messageId: 'none', verdict: 'warn', owner: 'jiguang-jcore', data: { sdks: ['jiguang-jcore', 'jpush'], sources: 'textSources' } }],
    },
    { fixture: 'code-risky', expect: [{ messageId: 'none', verdict: 'warn', owner: 'pangle' }] },
  ],
  // Umeng and Pangle with a 个性化广告 switch (consent-safe); no marketing SDK (clean).
  silent: [{ fixture: 'consent-safe' }, { fixture: 'clean' }],
});
