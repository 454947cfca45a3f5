import check from '../../../rules/c07/deletion-conditions.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // 注销须知 with its conditions (a resource string shown in the deletion layout), 刷脸 a few
      // lines below 注销账号 in that layout, 结清 next to 注销账号 in the bundled agreement.
      fixture: 'rights-conditions',
      expect: [{ messageId: 'conditions', verdict: 'warn', at: 'file:res/layout/activity_delete_account.xml', data: { conditions: ['手持身份证', '身份证照片', '人脸识别', '余额为零', '刷脸', '结清'] } }],
    },
  ],
  // rights-complete's policy mentions 刷脸登录 more than 300 characters away from 注销账号.
  silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-missing' }, { fixture: 'demo-shop' }],
});
