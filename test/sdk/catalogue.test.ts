import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue, loadPackers, ownerOf, SDK_CATEGORIES } from '../../src/sdk/index.js';
import type { SdkApi, SdkRecord } from '../../src/sdk/index.js';
import { REPO, SHARED } from '../helpers/corpus.js';

const catalogue = loadCatalogue();
const byId = new Map(catalogue.sdks.map((s) => [s.id, s]));
const PACKAGE = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/;
const CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/;
const API_REF = /^L[\w$/]+;->[\w$<>]+$/;

describe('rules/data/sdks.json: shape', () => {
  it('has a version, its generator and attributed sources', () => {
    expect(catalogue.version).toMatch(/^\d{4}\.\d{2}\.\d+$/);
    expect(catalogue.generatedBy).toBe('scripts/build-sdk-catalogue.mjs');
    const ids = catalogue.sources.map((s) => s.id);
    for (const id of ['exodus', 'libchecker', 'camille', 'libradar', 'curated']) expect(ids).toContain(id);
    for (const s of catalogue.sources) {
      expect(s.origin.length).toBeGreaterThan(0);
      expect(s.licence.length).toBeGreaterThan(0);
      expect(s.attribution.length).toBeGreaterThan(0);
    }
    const exodus = catalogue.sources.find((s) => s.id === 'exodus');
    expect(exodus?.licence).toMatch(/ODbL/);
    expect(exodus?.attribution).toMatch(/Exodus Privacy \(https:\/\/exodus-privacy\.eu\.org\)/);
  });

  it('is several hundred SDKs, sorted by unique kebab-case id, under 2 MB', () => {
    expect(catalogue.sdks.length).toBeGreaterThanOrEqual(300);
    const ids = catalogue.sdks.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(statSync(join(REPO, 'rules/data/sdks.json')).size).toBeLessThan(2 * 1024 * 1024);
  });

  it('gives every SDK a name, a vendor, a known category, a signature and a source', () => {
    for (const s of catalogue.sdks) {
      expect(s.name.en.trim(), s.id).not.toBe('');
      expect(s.vendor.en.trim(), s.id).not.toBe('');
      expect(SDK_CATEGORIES, s.id).toContain(s.category);
      const signatures = s.packages.length + s.components.length + s.nativeLibs.length + s.metaDataKeys.length + s.assets.length;
      expect(signatures, s.id).toBeGreaterThan(0);
      expect(s.sources.length, s.id).toBeGreaterThan(0);
      for (const src of s.sources) expect(src, s.id).toMatch(/^(exodus:\d+|libchecker|camille|libradar|libscout|fdroid-suss|appmanager:.+|curated:.+)$/);
    }
  });

  it('writes packages as dotted prefixes of two or more segments, none owned twice', () => {
    const owner = new Map<string, string>();
    for (const s of catalogue.sdks) {
      for (const p of s.packages) {
        expect(p, s.id).toMatch(PACKAGE);
        expect(owner.get(p), `${p} in ${s.id}`).toBeUndefined();
        owner.set(p, s.id);
        // a prefix already covered by a shorter prefix of the same SDK is noise
        expect(s.packages.some((q) => q !== p && p.startsWith(q + '.')), `${s.id}: ${p}`).toBe(false);
      }
    }
  });

  it('writes components, providers, libraries and assets in the forms the matcher reads', () => {
    for (const s of catalogue.sdks) {
      for (const c of s.components) expect(c.startsWith('*') ? c.slice(2) : c, `${s.id}: ${c}`).toMatch(CLASS_NAME);
      for (const c of s.autoInitProviders) expect(c, s.id).toMatch(CLASS_NAME);
      for (const n of s.nativeLibs) expect(n, s.id).toMatch(/^[\w.*+-]+\.so$/);
      for (const a of s.assets) expect(a, s.id).toMatch(/^assets\//);
      for (const k of s.metaDataKeys) expect(k.trim(), s.id).not.toBe('');
      for (const k of s.strings) expect(k.length, s.id).toBeGreaterThanOrEqual(8);
    }
  });

  it('never marks an API verified without saying where it was seen', () => {
    const apis: [SdkRecord, SdkApi][] = catalogue.sdks.flatMap((s) => [...s.consentApis, ...s.initApis].map((a): [SdkRecord, SdkApi] => [s, a]));
    expect(apis.length).toBeGreaterThan(10);
    for (const [s, a] of apis) {
      expect(a.ref, s.id).toMatch(API_REF);
      expect(['gate', 'init'], s.id).toContain(a.role);
      expect(typeof a.verified).toBe('boolean');
      expect(a.source, `${s.id} ${a.ref}`).toMatch(/^curated:.{10,}/);
    }
    for (const s of catalogue.sdks) for (const a of s.initApis) expect(a.role, s.id).toBe('init');
    for (const s of catalogue.sdks) {
      for (const k of s.killSwitchMetaData) {
        expect(k.key.trim()).not.toBe('');
        expect(k.disableValue.trim()).not.toBe('');
        expect(k.source, s.id).toMatch(/^curated:.{10,}/);
      }
    }
  });

  it('writes an optional since as a version and a privacy-policy URL with its source', () => {
    for (const s of catalogue.sdks) {
      for (const a of [...s.consentApis, ...s.initApis]) if (a.since !== undefined) expect(a.since, `${s.id} ${a.ref}`).toMatch(/^\d+(\.\d+)*$/);
      if (s.privacyPolicyUrl !== undefined) {
        expect(s.privacyPolicyUrl, s.id).toMatch(/^https?:\/\/\S+$/);
        expect(s.sources.some((x) => x.startsWith(`curated:privacy policy ${s.privacyPolicyUrl} (`)), s.id).toBe(true);
      }
    }
    expect(catalogue.sdks.filter((s) => s.privacyPolicyUrl !== undefined).length).toBeGreaterThanOrEqual(20);
  });

  it('knows the compliance APIs CLAUSES.md §2.4 names', () => {
    const refs = new Set(catalogue.sdks.flatMap((s) => s.consentApis.map((a) => a.ref)));
    for (const r of [
      'Lcom/umeng/commonsdk/UMConfigure;->preInit',
      'Lcom/amap/api/maps/MapsInitializer;->updatePrivacyShow',
      'Lcom/amap/api/maps/MapsInitializer;->updatePrivacyAgree',
      'Lcom/amap/api/location/AMapLocationClient;->updatePrivacyShow',
      'Lcom/amap/api/location/AMapLocationClient;->updatePrivacyAgree',
      'Lcn/jiguang/api/utils/JCollectionAuth;->setAuth',
    ]) {
      expect(refs, r).toContain(r);
    }
    expect([...refs].some((r) => r.endsWith('->disableDataCollect'))).toBe(true);
    const inits = new Set(catalogue.sdks.flatMap((s) => s.initApis.map((a) => a.ref)));
    for (const r of ['Lcom/umeng/commonsdk/UMConfigure;->init', 'Lcn/jpush/android/api/JPushInterface;->init', 'Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport']) {
      expect(inits, r).toContain(r);
    }
  });

  it('lists every auto-init provider CLAUSES.md §2.4 names, under an SDK', () => {
    const providers = new Set(catalogue.sdks.flatMap((s) => s.autoInitProviders));
    for (const p of [
      'cn.jpush.android.service.InitProvider',
      'com.getui.gtc.base.GtcProvider',
      'com.huawei.hms.aaid.InitProvider',
      'com.huawei.agconnect.core.provider.AGConnectInitializeProvider',
      'com.huawei.hms.analytics.provider.AnalyticsInitializeProvider',
      'com.hihonor.push.sdk.init.AutoInitProvider',
      'com.sensorsdata.analytics.android.sdk.SensorsDataContentProvider',
      'com.tencent.android.tpush.XGPushProvider',
      'com.tencent.mid.api.MidProvider',
      'com.umeng.message.provider.MessageProvider',
      'com.google.firebase.provider.FirebaseInitProvider',
      'com.google.android.gms.ads.MobileAdsInitProvider',
      'com.facebook.internal.FacebookInitProvider',
      'com.applovin.sdk.AppLovinInitProvider',
      'com.crashlytics.android.CrashlyticsInitProvider',
      'io.sentry.android.core.SentryInitProvider',
    ]) {
      expect(providers, p).toContain(p);
    }
  });
});

/** The Chinese SDKs the issue names: each with zh + en name and vendor, owning a typical class. */
const CHINESE: [id: string, sampleClass: string][] = [
  ['umeng-analytics', 'Lcom/umeng/analytics/MobclickAgent;'],
  ['umeng-push', 'Lcom/umeng/message/PushAgent;'],
  ['umeng-share', 'Lcom/umeng/socialize/UMShareAPI;'],
  ['umeng-common', 'Lcom/umeng/commonsdk/UMConfigure;'],
  ['jpush', 'Lcn/jpush/android/api/JPushInterface;'],
  ['jiguang-jcore', 'Lcn/jiguang/api/JCoreInterface;'],
  ['jiguang-jverification', 'Lcn/jiguang/verifysdk/api/JVerificationInterface;'],
  ['getui-push', 'Lcom/igexin/sdk/PushManager;'],
  ['tencent-bugly', 'Lcom/tencent/bugly/crashreport/CrashReport;'],
  ['tencent-gdt', 'Lcom/qq/e/comm/managers/GDTAdSdk;'],
  ['tencent-x5-tbs', 'Lcom/tencent/smtt/sdk/QbSdk;'],
  ['tencent-mta', 'Lcom/tencent/stat/StatService;'],
  ['tencent-xg-tpns', 'Lcom/tencent/android/tpush/XGPushManager;'],
  ['pangle', 'Lcom/bytedance/sdk/openadsdk/TTAdSdk;'],
  ['kuaishou-ads', 'Lcom/kwad/sdk/api/KsAdSDK;'],
  ['baidu-mobads', 'Lcom/baidu/mobads/sdk/api/BDAdConfig;'],
  ['baidu-map', 'Lcom/baidu/mapapi/SDKInitializer;'],
  ['baidu-location', 'Lcom/baidu/location/LocationClient;'],
  ['baidu-mobstat', 'Lcom/baidu/mobstat/StatService;'],
  ['baidu-push', 'Lcom/baidu/android/pushservice/PushManager;'],
  ['amap-map', 'Lcom/amap/api/maps/MapsInitializer;'],
  ['amap-location', 'Lcom/amap/api/location/AMapLocationClient;'],
  ['amap-search', 'Lcom/amap/api/services/core/ServiceSettings;'],
  ['alipay', 'Lcom/alipay/sdk/app/PayTask;'],
  ['wechat-opensdk', 'Lcom/tencent/mm/opensdk/openapi/WXAPIFactory;'],
  ['weibo-sdk', 'Lcom/sina/weibo/sdk/WbSdk;'],
  ['hms-push', 'Lcom/huawei/hms/push/HmsMessaging;'],
  ['hms-analytics', 'Lcom/huawei/hms/analytics/HiAnalytics;'],
  ['hms-agconnect', 'Lcom/huawei/agconnect/AGConnectInstance;'],
  ['hms-account', 'Lcom/huawei/hms/support/hwid/HuaweiIdAuthManager;'],
  ['hms-location', 'Lcom/huawei/hms/location/FusedLocationProviderClient;'],
  ['hms-scan', 'Lcom/huawei/hms/hmsscankit/ScanUtil;'],
  ['xiaomi-push', 'Lcom/xiaomi/mipush/sdk/MiPushClient;'],
  ['oppo-push', 'Lcom/heytap/msp/push/HeytapPushManager;'],
  ['vivo-push', 'Lcom/vivo/push/PushClient;'],
  ['honor-push', 'Lcom/hihonor/push/sdk/HonorPushClient;'],
  ['meizu-push', 'Lcom/meizu/cloud/pushsdk/PushManager;'],
  ['msa-oaid', 'Lcom/bun/miitmdid/core/MdidSdkHelper;'],
  ['shanyan', 'Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;'],
  ['sensors-analytics', 'Lcom/sensorsdata/analytics/android/sdk/SensorsDataAPI;'],
  ['growingio', 'Lcom/growingio/android/sdk/collection/GrowingIO;'],
  ['talkingdata', 'Lcom/tendcloud/tenddata/TCAgent;'],
  ['sharesdk', 'Lcn/sharesdk/framework/ShareSDK;'],
  ['mobtech-common', 'Lcom/mob/MobSDK;'],
  ['mobpush', 'Lcom/mob/pushsdk/MobPush;'],
  ['smssdk', 'Lcn/smssdk/SMSSDK;'],
  ['moblink', 'Lcom/mob/moblink/MobLink;'],
  ['alibaba-push', 'Lcom/alibaba/sdk/android/push/noonesdk/PushServiceFactory;'],
  ['alibaba-emas-hotfix', 'Lcom/taobao/sophix/SophixManager;'],
  ['iflytek-msc', 'Lcom/iflytek/cloud/SpeechUtility;'],
  ['sensetime', 'Lcom/sensetime/senseid/sdk/liveness/interactive/InteractiveLivenessApi;'],
  ['megvii-faceplusplus', 'Lcom/megvii/meglive_sdk/manager/MegLiveManager;'],
  ['cmic-sso', 'Lcom/cmic/sso/sdk/auth/AuthnHelper;'],
  ['cucc-login', 'Lcom/sdk/mobile/manager/login/cucc/OauthManager;'],
  ['ctcc-login', 'Lcn/com/chinatelecom/account/api/CtAuth;'],
];

describe('rules/data/sdks.json: vendor namespaces', () => {
  it('lists vendors sorted by unique id, with zh and en names, dotted roots and sources', () => {
    const ids = catalogue.vendors.map((v) => v.id);
    expect(ids.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const owner = new Map<string, string>();
    for (const v of catalogue.vendors) {
      expect(v.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(v.name.zh.trim(), v.id).not.toBe('');
      expect(v.name.en.trim(), v.id).not.toBe('');
      expect(v.packages.length, v.id).toBeGreaterThan(0);
      expect(v.sources.length, v.id).toBeGreaterThan(0);
      for (const src of v.sources) expect(src, v.id).toMatch(/^curated:.{10,}/);
      for (const p of v.packages) {
        expect(p, v.id).toMatch(PACKAGE);
        expect(owner.get(p), `${p} in ${v.id}`).toBeUndefined();
        owner.set(p, v.id);
        expect(v.packages.some((q) => q !== p && p.startsWith(q + '.')), `${v.id}: ${p}`).toBe(false);
      }
    }
  });

  it('covers the vendor roots issue 12 names', () => {
    const roots = new Map(catalogue.vendors.flatMap((v) => v.packages.map((p) => [p, v.id] as const)));
    for (const p of ['com.baidu', 'com.tencent', 'com.bytedance', 'com.ss.android', 'com.pgl', 'com.umeng', 'com.uc', 'com.qq', 'cn.jiguang', 'cn.jpush', 'com.mob', 'cn.sharesdk', 'com.igexin', 'com.getui', 'com.iflytek', 'com.amap', 'com.autonavi', 'com.loc', 'com.sina.weibo', 'com.huawei', 'com.xiaomi', 'com.meizu', 'com.vivo', 'com.heytap', 'com.coloros', 'com.alipay', 'com.alibaba', 'com.taobao']) {
      expect(roots.has(p), p).toBe(true);
    }
  });

  it('leaves SDK prefixes to their SDK: a vendor root is never inside an SDK package', () => {
    const sdkPackages = catalogue.sdks.flatMap((s) => s.packages);
    for (const v of catalogue.vendors) {
      for (const p of v.packages) expect(sdkPackages.filter((q) => p.startsWith(q + '.')), `${v.id}: ${p}`).toEqual([]);
    }
  });
});

describe('rules/data/sdks.json: the Chinese SDKs an app-store dump is full of', () => {
  it.each(CHINESE)('%s has zh+en name and vendor and owns %s', (id, cls) => {
    const s = byId.get(id);
    expect(s, id).toBeDefined();
    expect(s?.name.zh?.trim() ?? '', id).not.toBe('');
    expect(s?.vendor.zh?.trim() ?? '', id).not.toBe('');
    expect(s?.name.en.trim()).not.toBe('');
    expect(ownerOf(cls)?.id).toBe(id);
  });

  it('keeps the packers out of the SDK list and in packers.json', () => {
    const packers = loadPackers();
    const ids = packers.packers.map((p) => p.id);
    for (const id of ['qihoo-360-jiagu', 'bangcle', 'ijiami', 'tencent-legu']) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of packers.packers) {
      expect(p.nativeLibs.length + p.assets.length + p.classes.length, p.id).toBeGreaterThan(0);
      expect(p.minMatches, p.id).toBeGreaterThanOrEqual(1);
      expect(p.sources.some((s) => /^(apkid|libchecker):/.test(s)), p.id).toBe(true);
      expect(p.name.en.trim(), p.id).not.toBe('');
    }
  });
});

describe('scripts/build-sdk-catalogue.mjs', () => {
  const reference = join(SHARED, 'reference', 'exodus', 'etip_trackers.normalized.json');
  it.skipIf(!existsSync(reference))('rebuilds the committed files byte for byte, twice', () => {
    for (let round = 0; round < 2; round++) {
      const out = mkdtempSync(join(tmpdir(), 'sdk-catalogue-'));
      try {
        execFileSync(process.execPath, [join(REPO, 'scripts/build-sdk-catalogue.mjs')], {
          env: { ...process.env, SDK_CATALOGUE_OUT: out, PLEDGE_SHARED: SHARED },
          stdio: 'pipe',
        });
        for (const f of ['sdks.json', 'packers.json']) {
          expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(REPO, 'rules/data', f), 'utf8'));
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
  });
});
