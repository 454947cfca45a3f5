import check from '../../../rules/c07/no-deletion-timing.js';
import { testCheck } from '../../helpers/rule-tester.js';

const SOURCES = 'textSourcesFull';

testCheck(check, {
  fires: [
    { fixture: 'rights-conditions', expect: [{ messageId: 'missing', verdict: 'review', at: 'file:res/layout/activity_delete_account.xml', data: { where: ['注销账号', '注销须知', '申请注销'], sources: SOURCES } }] },
    {
      // Deletion is an H5 page and an API route: the message quotes both as the app has them.
      fixture: 'rights-api-only',
      expect: [{ messageId: 'missing', verdict: 'review', at: 'resource:string/h5_cancel', data: { where: ['https://m.rights-api.example.cn/account/cancel.html', '/api/v2/user/deleteAccount'], sources: SOURCES } }],
    },
  ],
  // A 15-working-day commitment (rights-complete); no deletion at all (rights-missing).
  silent: [{ fixture: 'rights-complete' }, { fixture: 'rights-missing' }],
});
