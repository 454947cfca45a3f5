import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/sdk/index.js';
import { REPO, SHARED } from '../helpers/corpus.js';

// Issue 12 item 4: every Chinese SDK that camille (zhengjim/camille utlis/sdk.json) lists with a
// package name is detected by the catalogue: its name falls under a package prefix of some SDK or
// under a vendor root (sdks.json `vendors`), or it names a manifest component or meta-data key an
// SDK declares. The rest are excluded below, each group with its reason.

const CAMILLE = join(SHARED, 'reference', 'chinese-sdk', 'camille_sdk.json');
const catalogue = loadCatalogue();

interface CamilleEntry {
  sdk_name: string;
  package_name: string;
}

/** Entries this check does not require, grouped by why. Keys are camille's package_name, verbatim. */
const EXCLUDED: { reason: string; entries: string[] }[] = [
  {
    reason:
      'a callback activity or receiver an app declares in its own package for WeChat or Yixin: evidence of an integration, not of a bundled SDK; not matched as a component because ShareSDK samples declare them without those SDKs (test/sdk/corpus.test.ts)',
    entries: ['.wxapi.WXPayEntryActivity', 'wxapi.WXEntryActivity', 'yxapi.AppRegister', 'yxapi.YXEntryActivity'],
  },
  {
    reason:
      'not a Chinese SDK (Google, Microsoft, Meta, Unity and other foreign vendors\' SDKs and frameworks): outside this check, which is about the Chinese SDKs the pledge audit names',
    entries: [
      'android.speech.tts',
      'com.android.billingclient.api.ProxyBillingActivity',
      'com.boku.mobile.',
      'com.braintreepayments.api.',
      'com.cloudrail.si',
      'com.digits.sdk.android',
      'com.dropbox.client2.android',
      'com.dropbox.core',
      'com.dropbox.sync',
      'com.evernote.android.job.',
      'com.facebook',
      'com.facebook.FacebookContent',
      'com.facebook.cache.common',
      'com.facebook.crypto',
      'com.facebook.device.yearclass',
      'com.facebook.imagepipeline',
      'com.facebook.react',
      'com.facebook.rebound',
      'com.facebook.sdk',
      'com.firebase.jobdispatcher',
      'com.firebase.ui.',
      'com.google.android.datatransport',
      'com.google.android.geo.API_KEY',
      'com.google.android.maps',
      'com.google.android.tts.',
      'com.google.firebase.',
      'com.google.sample.',
      'com.google.vr.',
      'com.google.vrtoolkit.cardboard',
      'com.jawbone.upplatformsdk.oauth',
      'com.kakao.sdk.AppKey',
      'com.lostpolygon.unity.',
      'com.microsoft.aad.adal',
      'com.microsoft.bing.',
      'com.microsoft.bing.commonlib',
      'com.microsoft.bing.visualsearch',
      'com.microsoft.bingsearchsdk',
      'com.microsoft.bsearchsdk',
      'com.microsoft.cortana.',
      'com.microsoft.cortana.clientsdk',
      'com.microsoft.cortana.plugin',
      'com.microsoft.cortana.sdk',
      'com.microsoft.cortana.services',
      'com.microsoft.identity.',
      'com.microsoft.intune.',
      'com.microsoft.mmx',
      'com.microsoft.mmx.feedback',
      'com.microsoft.notes',
      'com.microsoft.office.feedback.',
      'com.microsoft.tokenshare.',
      'com.mmx.microsoft.',
      'com.termux.app.',
      'com.twitter.sdk.',
      'com.unity3d.player',
      'io.card.payment',
      'io.github.pwlin.cordova.plugins.',
      'jp.line.sdk',
      'moe.shizuku.api.',
      'moe.shizuku.client.',
      'org.apache.cordova',
      'org.chromium.base',
      'org.ebookdroid.',
      'org.libsdl.',
      'unity.build-id',
      'unity.splash-enable',
      'unityplayer.ForwardNativeEventsToDalvik',
      'unityplayer.UnityActivity',
    ],
  },
  {
    reason:
      'an open-source UI/utility library, not a third-party service SDK: it is neither the app\'s code nor a vendor that receives data; rules/data/libraries.json (not this catalogue) is where such prefixes belong',
    entries: [
      'at.markushi.ui',
      'cat.ereza.customactivityoncrash.',
      'cn.bertsir.zbar',
      'cn.reactnative.modules.weibo.',
      'com.afollestad.materialdialogs',
      'com.allenliu.versionchecklib',
      'com.andexert.library',
      'com.android.volley',
      'com.aspsine.swipetoloadlayout',
      'com.baoyz.swipemenulistview',
      'com.baoyz.widget',
      'com.bartoszlipinski.recyclerviewheader',
      'com.bartoszlipinski.viewpropertyobjectanimator',
      'com.bigkoo.convenientbanner',
      'com.bigkoo.pickerview',
      'com.blankj.utilcode',
      'com.daimajia.numberprogressbar',
      'com.daimajia.slider.library',
      'com.daimajia.swipe',
      'com.darsh.multipleimageselect.',
      'com.devbrackets.android.playlistcore',
      'com.devsmart',
      'com.diegocarloslima.byakugallery.lib',
      'com.dmcbig.mediapicker',
      'com.getbase.floatingactionbutton',
      'com.github.developerpaul123.filepickerlibrary.',
      'com.github.javiersantos.piracychecker.',
      'com.github.mikephil.charting',
      'com.google.zxing',
      'com.handmark.pulltorefresh',
      'com.huewu.pla.lib',
      'com.imagepicker',
      'com.j256.ormlite',
      'com.jeremyfeinstein.slidingmenu.lib',
      'com.joanzapata.pdfview',
      'com.leon.lfilepickerlibrary.',
      'com.linfaxin.transitionplayer.',
      'com.linfaxin.xmcontainer',
      'com.liulishuo.filedownloader',
      'com.liulishuo.okdownload',
      'com.loopj.android.http',
      'com.luck.picture',
      'com.lzy.imagepicker.',
      'com.makeramen.roundedimageview',
      'com.masteratul.exceptionhandler',
      'com.ms.square.android.expandabletextview',
      'com.nhaarman.listviewanimations',
      'com.nineoldandroids',
      'com.nostra13.universalimageloader',
      'com.orhanobut.logger',
      'com.readystatesoftware.chuck',
      'com.readystatesoftware.systembartint',
      'com.rengwuxian.materialedittext',
      'com.rockerhieu.emojicon',
      'com.securepreferences',
      'com.snappydb',
      'com.stone.zxing.',
      'com.synconset.MultiImageChooserActivity',
      'com.tonicartos.widget.stickygridheaders',
      'com.transitionseverywhere',
      'com.uuzuche.lib_zxing',
      'com.viewpagerindicator',
      'com.wang.avi',
      'com.wdullaer.materialdatetimepicker',
      'com.xuexiang.xqrcode.',
      'com.yalantis.ucrop',
      'com.yhao.floatwindow',
      'com.yqritc.scalablevideoview',
      'com.zijunlin.zxing',
      'de.greenrobot.dao',
      'de.greenrobot.event',
      'de.hdodenhof.circleimageview',
      'de.innosystec.unrar',
      'in.srain.cube',
      'in.srain.cube.views.ptr',
      'io.realm',
      'io.vov.vitamio',
      'it.sephiroth.android.library',
      'it.sephiroth.android.library.imagezoom',
      'jackpal.androidterm',
      'jackpal.androidterm.Term',
      'jp.co.cyberagent.android.gpuimage',
      'junit.framework',
      'master.flame.danmaku',
      'me.iwf.photopicker',
      'me.leolin.shortcutbadger',
      'me.maxwin',
      'me.zhanghai.android.materialprogressbar',
      'net.grandcentrix.tray',
      'net.lingala.zip4j',
      'net.sourceforge.pinyin4j',
      'net.sqlcipher',
      'org.achartengine',
      'org.androidannotations.annotations',
      'org.ccil.cowan.tagsoup',
      'org.eclipse.paho.client.mqttv3',
      'org.jivesoftware.smack',
      'org.litepal',
      'org.msgpack',
      'org.rajawali3d',
      'org.robobinding',
      'org.simple.eventbus',
      'org.swiftp',
      'org.teleal.cling.',
      'org.xclcharts',
      'org.xutils',
      'pl.droidsonroids.gif',
      'pub.devrel.easypermissions',
      'tcking.github.com.giraffeplayer2.',
      'top.zibin.luban',
      'uk.co.senab.photoview',
    ],
  },
  {
    reason:
      'internal plugin packages of Tencent\'s own apps (Mobile QQ, QQ Mail), not an SDK a third-party app bundles',
    entries: [
      'cooperation.comic',
      'cooperation.qqhotspot.',
      'cooperation.qqreader',
      'cooperation.qwallet.',
      'cooperation.qzone.',
      'cooperation.smartdevice',
      'dov.com.qq.',
      'moai.daemon.',
      'moai.ocr.',
      'moai.patch.',
    ],
  },
  {
    reason:
      'not a package or class name (a manifest key, or a bare class-name suffix the matcher cannot anchor) and no second source says which SDK declares it',
    entries: [
      '.AVLScanService',
      '.BCWechatPaymentActivity',
      '.MiPUSH',
      'qingting.open.appid',
    ],
  },
  {
    reason:
      'camille names it, but no second source says who makes it or that it is an SDK (com.connector is not a Tencent root): left out rather than guessed',
    entries: [
      'com.connector.qq.AppService',
      'com.doublelabs.',
      'com.feinnoui.library.wps.',
      'com.foobnix.',
      'com.live.push',
      'com.live.sync',
      'com.live.watermelon',
      'com.lk.sdk',
      'com.player.sunplayer.',
      'com.uxin.ulslibrary',
      'com.wepayplugin',
      'com.xk.sup',
      'everphoto.',
      'everphoto.component.',
    ],
  },
  {
    reason:
      'an app-virtualisation engine or a code generator\'s runtime, not a data-collecting SDK',
    entries: [
      'com.e4a.runtime',
      'com.lody.virtual',
      'com.oasisfeng.condom.',
      'io.virtualapp.',
      'shadow.bundletool',
    ],
  },
];

const roots = new Set([...catalogue.sdks.flatMap((s) => s.packages), ...catalogue.vendors.flatMap((v) => v.packages)]);
const components = catalogue.sdks.flatMap((s) => s.components);
const metaDataKeys = new Set(catalogue.sdks.flatMap((s) => s.metaDataKeys));
const libraries = (JSON.parse(readFileSync(join(REPO, 'rules/data/libraries.json'), 'utf8')) as { libraries: { prefixes: string[] }[] }).libraries.flatMap(
  (l) => l.prefixes,
);

/** True when `name` is one of `prefixes` or lies under one at a dot boundary. */
function under(name: string, prefixes: Iterable<string>): boolean {
  for (const p of prefixes) if (name === p || name.startsWith(`${p}.`)) return true;
  return false;
}

/** A component (or component suffix) name an SDK declares: `wxapi.WXEntryActivity` ~ `*.wxapi.WXEntryActivity`. */
function isComponent(name: string): boolean {
  return components.some((c) => {
    const tail = c.startsWith('*.') ? c.slice(2) : c;
    return c === name || tail === name || c.endsWith(`.${name}`) || name.endsWith(`.${tail}`);
  });
}

type Outcome = 'catalogue' | 'library' | 'none';
function outcome(raw: string): Outcome {
  const suffixOnly = raw.startsWith('.');
  const name = raw.replace(/^\.+|\.+$/g, '');
  if ((!suffixOnly && under(name, roots)) || isComponent(name) || metaDataKeys.has(name)) return 'catalogue';
  if (!suffixOnly && under(name, libraries)) return 'library';
  return 'none';
}

describe.skipIf(!existsSync(CAMILLE))('camille SDK list against the catalogue (issue 12 item 4)', () => {
  // vitest collects a skipped suite's body too: read the file only when it is there.
  const camille = existsSync(CAMILLE) ? (JSON.parse(readFileSync(CAMILLE, 'utf8')) as CamilleEntry[]) : [];
  const excluded = new Map<string, string>();
  for (const g of EXCLUDED) for (const e of g.entries) excluded.set(e, g.reason);

  it('detects every camille entry, or excludes it with a reason', () => {
    const missing = camille.filter((c) => outcome(c.package_name) === 'none' && !excluded.has(c.package_name)).map((c) => `${c.sdk_name}: ${c.package_name}`);
    expect(missing, 'camille entries the catalogue misses').toEqual([]);
  });

  it('keeps the exclusions honest: each is a camille entry the catalogue does not detect, listed once', () => {
    const names = new Set(camille.map((c) => c.package_name));
    const all = EXCLUDED.flatMap((g) => g.entries);
    expect(new Set(all).size, 'an entry listed twice').toBe(all.length);
    // rules/data/libraries.json is edited elsewhere: an exclusion it now covers is harmless; one
    // the catalogue now detects must go.
    const stale = all.filter((e) => !names.has(e) || outcome(e) === 'catalogue');
    expect(stale, 'exclusions to delete (now detected by the catalogue, or not in camille)').toEqual([]);
    for (const g of EXCLUDED) expect(g.reason.length).toBeGreaterThan(20);
  });

  it('detects most of the list through the catalogue itself', () => {
    const counts = { catalogue: 0, library: 0, none: 0 };
    for (const c of camille) counts[outcome(c.package_name)]++;
    // 172 of 563 were detected before vendor roots and the camille additions (2026-11).
    expect(counts.catalogue).toBeGreaterThanOrEqual(328);
  });

  it('attributes the vendor namespaces the issue names to their vendor', () => {
    const vendorOf = (pkg: string) => catalogue.vendors.find((v) => under(pkg, v.packages))?.id;
    for (const [pkg, id] of [
      ['com.baidu.swan', 'baidu'],
      ['com.tencent.wns', 'tencent'],
      ['com.qq.e.comm', 'tencent'],
      ['com.ss.android.socialbase.downloader', 'bytedance'],
      ['com.pgl.sys', 'bytedance'],
      ['com.umeng.xyz', 'umeng'],
      ['cn.jpush.yyb', 'jiguang'],
      ['cn.sharesdk.framework', 'mobtech'],
      ['com.igexin.push', 'getui'],
      ['com.iflytek.speech', 'iflytek'],
      ['com.loc.abc', 'amap'],
      ['com.sina.weibo.sdk', 'weibo'],
      ['com.huawei.hms.framework', 'huawei'],
      ['com.xiaomi.stat', 'xiaomi'],
      ['com.meizu.cloud', 'meizu'],
      ['com.vivo.push', 'vivo'],
      ['com.heytap.openid', 'oppo'],
      ['com.coloros.mcssdk', 'oppo'],
      ['com.alipay.mobile', 'ant-group'],
      ['com.taobao.tlog', 'alibaba'],
      ['com.aliyun.sls', 'alibaba'],
    ] as const) {
      expect(vendorOf(pkg), pkg).toBe(id);
    }
  });
});
