import check from '../../../rules/c01/bulk-permission-request.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      // Three groups from a static array built in <clinit>, requested by the launcher.
      fixture: 'permissions-bulk',
      expect: [
        {
          messageId: 'bundle',
          verdict: 'warn',
          at: 'dex:Lorg/pledgeaudit/fixture/permsbulk/MainActivity;->onCreate(Landroid/os/Bundle;)V',
          owner: 'app',
          data: {
            cls: 'Lorg/pledgeaudit/fixture/permsbulk/MainActivity;',
            count: 3,
            groups: ['permissionGroup:CAMERA', 'permissionGroup:LOCATION', 'permissionGroup:PHONE'],
            permissions: ['CAMERA', 'ACCESS_FINE_LOCATION', 'READ_PHONE_STATE'],
          },
        },
      ],
    },
  ],
  // One group on launch; two groups on a screen the user opened.
  silent: [{ fixture: 'permissions-single' }, { fixture: 'code-safe' }],
});
