import check from '../../../rules/c02/outside-necessary-set.js';
import { testCheck } from '../../helpers/rule-tester.js';

const U = 'Lorg/pledgeaudit/fixture/consentunsafe';
const MAP_ONCREATE = 'dex:Lorg/pledgeaudit/fixture/map/MapActivity;->onCreate(Landroid/os/Bundle;)V';

testCheck(check, {
  fires: [
    // Location is necessary for a map app only.
    {
      fixture: 'category-map',
      options: { categories: ['网上购物类'] },
      expect: [{ messageId: 'outside', verdict: 'warn', at: MAP_ONCREATE, owner: 'app', data: { kind: 'LOCATION', owners: ['app'], categories: ['网上购物类'] } }],
    },
    {
      fixture: 'consent-unsafe',
      options: { categories: ['新闻资讯类'] },
      expect: [
        { messageId: 'outside', verdict: 'warn', at: `dex:${U}/App;->onCreate()V`, owner: 'app', data: { kind: 'IMEI', owners: ['app'], categories: ['新闻资讯类'] } },
        { messageId: 'outside', verdict: 'warn', at: `dex:${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`, owner: 'app' },
        { messageId: 'outside', verdict: 'warn', at: `dex:${U}/MacProbe;->probe(Landroid/content/Context;)Ljava/lang/String;`, owner: 'app' },
        {
          messageId: 'outside',
          verdict: 'warn',
          at: 'dex:Lcom/bytedance/sdk/openadsdk/TTAdSdk;->init(Landroid/content/Context;)V',
          owner: 'pangle',
          data: { kind: 'LOCATION', owners: ['sdk:pangle'], categories: ['新闻资讯类'] },
        },
      ],
    },
    // No category: the reads are listed for review, never passed.
    { fixture: 'category-map', expect: [{ messageId: 'noCategory', verdict: 'review', at: MAP_ONCREATE, data: { kinds: ['LOCATION'] } }] },
    // 网络借贷类: the reference has no transcription of its necessary set.
    {
      fixture: 'category-map',
      options: { categories: ['网络借贷类'] },
      expect: [{ messageId: 'unknownSet', verdict: 'review', at: MAP_ONCREATE, data: { kinds: ['LOCATION'], categories: ['网络借贷类'] } }],
    },
  ],
  silent: [
    { fixture: 'category-map', options: { categories: ['地图导航类'] } },
    // The union of necessary sets: a map app that is also a news app may read location.
    { fixture: 'category-map', options: { categories: ['地图导航类', '新闻资讯类'] } },
    { fixture: 'clean', options: { categories: ['新闻资讯类'] } },
    { fixture: 'clean' },
  ],
});
