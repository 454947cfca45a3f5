import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPackers, detectSdks } from '../../src/sdk/index.js';
import type { SdkDetection } from '../../src/sdk/index.js';
import { corpusFiles, corpusPath, hasCorpus, oracleRows } from '../helpers/corpus.js';
import { readApkFacts } from './apk-facts.js';
import type { ApkFacts } from './apk-facts.js';

/**
 * Expected SDKs per corpus APK, from ../shared/corpus/MANIFEST.tsv ("SDK classes", "verified")
 * and the demo apps' own purpose. `obfuscated` lists SDKs that must be found without their
 * classes (the ProGuard-renamed Umeng build).
 */
const EXPECTED: { file: string; sdks: string[]; obfuscated?: string[] }[] = [
  { file: 'apk/sharesdk__Sample.apk', sdks: ['sharesdk', 'wechat-opensdk'] },
  { file: 'apk/sharesdk__Sample2.70.apk', sdks: ['sharesdk', 'mobtech-common', 'weibo-sdk'] },
  { file: 'apk/sharesdk__ShareSDK-Sample-2.6.3.apk', sdks: ['sharesdk', 'mobtech-common', 'weibo-sdk'] },
  { file: 'apk/sharesdk__ShareSDK_for_Android_2.5.3.apk', sdks: ['sharesdk'] },
  { file: 'apk/sharesdk__ShareSDK_for_Android_Sample.apk', sdks: ['sharesdk'] },
  { file: 'apk/sharesdk__Share_SDK_Sample_2.0.1.apk', sdks: ['sharesdk'] },
  { file: 'apk/sharesdk__SocializationSample_1.0.0.apk', sdks: ['sharesdk'] },
  { file: 'apk/weibosdk__WeiboSDKDemo.apk', sdks: ['weibo-sdk'] },
  { file: 'apk/weibosdk__WeiboSDKDemo_v3.1.4.apk', sdks: ['weibo-sdk'] },
  { file: 'apk/weibosdk__app-debug__361d412.apk', sdks: ['weibo-sdk'] },
  { file: 'apk/weibosdk__weibo.sdk.android.demo.apk', sdks: ['weibo-sdk'] },
  // MANIFEST: MobTech(611), HMS(224), MeizuPush(216), Firebase(147), MiPush(51)
  { file: 'apk/mobpush__MobPush__30f7b6d.apk', sdks: ['mobpush', 'mobtech-common', 'hms-push', 'hms-core', 'meizu-push', 'xiaomi-push', 'firebase-messaging'] },
  { file: 'apk/mobpush__MobPush__925f6e8.apk', sdks: ['mobpush', 'mobtech-common', 'hms-push', 'hms-core', 'meizu-push', 'xiaomi-push', 'firebase-messaging'] },
  { file: 'apk/mobpush__MobPush__ab1b4d8.apk', sdks: ['mobpush', 'mobtech-common', 'hms-push', 'hms-core', 'meizu-push', 'xiaomi-push', 'firebase-messaging'] },
  { file: 'apk/smssdk__SMSSDK_for_Android_Sample_2.0.1.apk', sdks: ['smssdk', 'mobtech-common'] },
  { file: 'apk/smssdk__SMSSDK_for_Android_Sample_2.1.1.apk', sdks: ['smssdk', 'mobtech-common'] },
  { file: 'apk/smssdk__SMSSDK_for_Android_Sample_3.3.0.apk', sdks: ['smssdk', 'mobtech-common'] },
  { file: 'apk/oaid__demo__47dd5c5.apk', sdks: ['hms-ads-identifier', 'android-cn-oaid'] },
  { file: 'apk/oaid__demo__994c12b.apk', sdks: ['hms-ads-identifier', 'android-cn-oaid'] },
  { file: 'apk/bugly-android-demo__app-release.apk', sdks: ['tencent-bugly', 'tencent-tinker'] },
  { file: 'apk/bugly-android-demo__tinker1.9.14.apk.zip', sdks: ['tencent-bugly', 'tencent-tinker'] },
  { file: 'apk/amap-clustermarker__ClusterMarkerDemo.apk', sdks: ['amap-map'] },
  { file: 'apk/amap-locationservice__LocationServiceProject.apk', sdks: ['amap-location'] },
  { file: 'apk/amap-locationservice__LocationServiceProject__c0e7f01.apk', sdks: ['amap-location'] },
  { file: 'apk/baidumaptest__BaiduMapTest.apk', sdks: ['baidu-map', 'baidu-location'] },
  { file: 'apk/togetherad__app-release.apk', sdks: ['baidu-mobads', 'tencent-gdt', 'iflytek-voiceads'] },
  { file: 'apk/x5webdemo__X5WebDemo.apk', sdks: ['tencent-x5-tbs'] },
  { file: 'apk/ddvoice__DDvoice__a9803f3.apk', sdks: ['iflytek-msc'] },
  { file: 'apk/ddvoice__DDvoice__80b2675.apk', sdks: ['iflytek-msc'] },
  { file: 'apk/umeng-channel-tool__CrossWeather_que.apk', sdks: ['umeng-analytics', 'flurry', 'apsalar'] },
  { file: 'apk/umeng-channel-tool__CrossWeather_12e.apk', sdks: ['umeng-analytics', 'flurry', 'apsalar'], obfuscated: ['umeng-analytics'] },
  { file: 'apk/fusionaas-android-demo__demo__c97b059.apk', sdks: ['fusion-anti-addiction'] },
  { file: 'apk/lionu-android-sdk-demo__demo.apk', sdks: ['lionu'] },
];

const cache = new Map<string, ApkFacts>();
function facts(rel: string): ApkFacts {
  let f = cache.get(rel);
  if (f === undefined) {
    f = readApkFacts(corpusPath(rel));
    cache.set(rel, f);
  }
  return f;
}

const present = (rel: string) => hasCorpus() && existsSync(corpusPath(rel));

describe.skipIf(!hasCorpus())('corpus: known SDKs are detected', () => {
  // vitest collects a skipped suite's body too: read the oracle only when the corpus is there.
  const oracle = new Map(hasCorpus() ? oracleRows().map((r) => [r.file, r]) : []);

  it.each(EXPECTED.filter((e) => present(e.file)))('$file', ({ file, sdks, obfuscated }) => {
    const f = facts(file);
    // the test-only DEX reader agrees with androguard on the class inventory
    const row = oracle.get(file);
    if (row?.classes !== undefined) expect(new Set(f.classDescriptors).size).toBe(row.classes);
    const found = new Map<string, SdkDetection>(detectSdks(f).map((d) => [d.sdk.id, d]));
    for (const id of sdks) expect([...found.keys()], `${basename(file)} should contain ${id}`).toContain(id);
    for (const [id, d] of found) {
      expect(d.obfuscated, `${id} obfuscated in ${basename(file)}`).toBe((obfuscated ?? []).includes(id));
    }
    for (const id of obfuscated ?? []) {
      const d = found.get(id);
      expect(d?.evidence.classes).toBe(0);
      expect(d?.foundBy).toContain('metaData');
    }
  });

  it('finds the renamed Umeng from its meta-data and its surviving strings', () => {
    const rel = 'apk/umeng-channel-tool__CrossWeather_12e.apk';
    if (!present(rel)) return;
    const d = detectSdks(facts(rel)).find((x) => x.sdk.id === 'umeng-analytics');
    expect(d?.evidence.metaDataKeys).toEqual(['UMENG_APPKEY', 'UMENG_CHANNEL']);
    expect(d?.evidence.strings.length).toBeGreaterThanOrEqual(2);
    expect(d?.foundBy).toEqual(['metaData', 'strings']);
  });

  it('attributes the JPush-free MobPush demo without inventing siblings from shared keys', () => {
    const rel = 'apk/mobpush__MobPush__30f7b6d.apk';
    if (!present(rel)) return;
    const ids = detectSdks(facts(rel)).map((d) => d.sdk.id);
    // Mob-AppKey is MobTech's common key: it must not conjure ShareSDK or SMSSDK up
    expect(ids).not.toContain('sharesdk');
    expect(ids).not.toContain('smssdk');
    expect(ids).not.toContain('jpush');
  });
});

describe.skipIf(!hasCorpus())('corpus: no false alarms', () => {
  const apks = corpusFiles('apk');

  it('detects no SDK in the SDK-free tool and test APKs, and no packer anywhere', () => {
    const quiet = apks.filter((p) => /\/(androguard__Test|androguard__TC|apktool__|fdroid__|mastg__|mobsf__|injuredandroid__|android-vulnerabilities__)/.test(p));
    expect(quiet.length).toBeGreaterThan(20);
    for (const p of apks) {
      let f: ApkFacts;
      try {
        f = readApkFacts(p);
      } catch {
        continue; // malformed on purpose; the zip/axml suites cover those
      }
      expect(detectPackers({ ...f, classDescriptors: f.classDescriptors, components: f.components, entries: f.entries }), basename(p)).toEqual([]);
      if (quiet.includes(p)) expect(detectSdks(f).map((d) => d.sdk.id), basename(p)).toEqual([]);
    }
  });
});
