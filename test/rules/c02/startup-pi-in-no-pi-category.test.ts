import check from '../../../rules/c02/startup-pi-in-no-pi-category.js';
import { testCheck } from '../../helpers/rule-tester.js';

const U = 'Lorg/pledgeaudit/fixture/consentunsafe';
const MAP_ONCREATE = 'Lorg/pledgeaudit/fixture/map/MapActivity;->onCreate(Landroid/os/Bundle;)V';

testCheck(check, {
  fires: [
    {
      fixture: 'consent-unsafe',
      options: { categories: ['新闻资讯类'] },
      // First-party reads only: Pangle's location read is the outside-necessary-set warn.
      expect: [
        { messageId: 'startup', verdict: 'fail', at: `dex:${U}/App;->onCreate()V`, owner: 'app' },
        { messageId: 'startup', verdict: 'fail', at: `dex:${U}/Telemetry;->deviceKey(Landroid/content/Context;)Ljava/lang/String;`, owner: 'app' },
        { messageId: 'startup', verdict: 'fail', at: `dex:${U}/MacProbe;->probe(Landroid/content/Context;)Ljava/lang/String;`, owner: 'app' },
      ],
    },
    {
      fixture: 'category-map',
      options: { categories: ['浏览器类'] },
      expect: [
        {
          messageId: 'startup',
          verdict: 'fail',
          at: `dex:${MAP_ONCREATE}`,
          owner: 'app',
          path: [MAP_ONCREATE],
          data: { kind: 'LOCATION', rootKind: 'launcher', root: 'Lorg/pledgeaudit/fixture/map/MapActivity;->onCreate', path: [MAP_ONCREATE], categories: ['浏览器类'] },
        },
      ],
    },
  ],
  silent: [
    // Same reads behind the consent flag.
    { fixture: 'consent-safe', options: { categories: ['新闻资讯类'] } },
    // Not every chosen type is a no-PI type.
    { fixture: 'category-map', options: { categories: ['地图导航类', '浏览器类'] } },
    { fixture: 'consent-unsafe', options: { categories: ['网上购物类'] } },
    { fixture: 'consent-unsafe' },
  ],
});
