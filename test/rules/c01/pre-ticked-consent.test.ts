import check from '../../../rules/c01/pre-ticked-consent.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'demo-shop',
      expect: [
        {
          messageId: 'ticked',
          verdict: 'warn',
          at: 'file:res/layout/activity_splash.xml',
          data: { widget: 'CheckBox', file: 'res/layout/activity_splash.xml', text: '我已阅读并同意《用户协议》和《隐私政策》' },
        },
      ],
    },
    {
      // A plain CheckBox and an AppCompatCheckBox, each labelled by a sibling TextView.
      fixture: 'strings-basic',
      expect: [
        { messageId: 'ticked', verdict: 'warn', at: 'file:res/layout/activity_consent.xml' },
        {
          messageId: 'ticked',
          verdict: 'warn',
          at: 'file:res/layout/activity_login.xml',
          data: { widget: 'androidx.appcompat.widget.AppCompatCheckBox', file: 'res/layout/activity_login.xml', text: '勾选即表示您同意《用户协议》' },
        },
      ],
    },
  ],
  silent: [{ fixture: 'clean' }, { fixture: 'consent-weak' }],
});
