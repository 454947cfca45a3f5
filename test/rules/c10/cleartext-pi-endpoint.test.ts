import { describe, expect, it } from 'vitest';
import check, { piWords } from '../../../rules/c10/cleartext-pi-endpoint.js';
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
          data: { count: 1, owner: 'app', words: ['user', 'profile', 'deviceid'], hosts: ['api.example.com'], urls: ['http://api.example.com/v1/user/profile?deviceId='] },
        },
      ],
    },
    { fixture: 'strings-basic', expect: [{ messageId: 'http', verdict: 'warn', at: 'dex:Lorg/pledgeaudit/fixture/strings/MainActivity;->onCreate(Landroid/os/Bundle;)V', owner: 'app' }] },
  ],
  // An https price endpoint (code-risky); an http policy page carries no PI (demo-shop's privacy_url is not reported).
  silent: [{ fixture: 'clean' }, { fixture: 'code-risky' }],
});

describe('the words a plain-HTTP address is reported for', () => {
  it('are whole words of the path and query, never of the host', () => {
    expect(piWords('http://loc.map.baidu.com/user_err.php')).toEqual(['user']);
    expect(piWords('http://api.weibo.com/oauth2/sms_authorize/send')).toEqual(['sms']);
    expect(piWords('http://login.example.com/news/list')).toEqual([]);
    expect(piWords('http://example.com/userguide/tokens.html')).toEqual([]);
  });
  it('take mobile, tel, mac and coordinates only as parameter names', () => {
    expect(piWords('http://apilocate.amap.com/mobile/binary')).toEqual([]);
    expect(piWords('http://example.com/mac/download')).toEqual([]);
    expect(piWords('http://example.com/api?mobile=&lat=1&lng=2')).toEqual(['mobile', 'lat', 'lng']);
  });
});
