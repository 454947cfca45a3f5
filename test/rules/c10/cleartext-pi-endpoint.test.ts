import check from '../../../rules/c10/cleartext-pi-endpoint.js';
import { testCheck } from '../../helpers/rule-tester.js';

testCheck(check, {
  fires: [
    {
      fixture: 'demo-shop',
      expect: [
        {
          messageId: 'http',
          verdict: 'warn',
          at: 'resource:string/api_user_profile',
          data: { count: 1, owner: 'app', hosts: ['api.example.com'], urls: ['http://api.example.com/v1/user/profile?deviceId='] },
        },
      ],
    },
    { fixture: 'strings-basic', expect: [{ messageId: 'http', verdict: 'warn', at: 'dex:Lorg/pledgeaudit/fixture/strings/MainActivity;->onCreate(Landroid/os/Bundle;)V', owner: 'app' }] },
  ],
  // An https price endpoint (code-risky); an http policy page carries no PI (demo-shop's privacy_url is not reported).
  silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
});
