import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { hybridFrameworks } from '../../src/facts/coverage-limits.js';
import { libraryOfClass } from '../../src/facts/libraries.js';
import { CORPUS, hasCorpus } from '../helpers/corpus.js';
import { fixtureApk } from '../helpers/fixtures.js';

async function coverageOf(path: string): Promise<{ codes: string[]; verdicts: Record<number, string> }> {
  const r = await audit(path);
  if (r.status !== 'ok') throw new Error(`${path}: ${r.error.code}`);
  return { codes: r.coverage.notes.map((n) => n.code), verdicts: Object.fromEntries(r.clauses.map((c) => [c.clause, c.verdict])) };
}

describe('app-wide coverage limits (CLAUSES.md §5)', () => {
  it.each([
    ['coverage-packed', 'incomplete:packer:qihoo-360-jiagu'],
    ['coverage-shell', 'incomplete:webview-shell'],
    ['coverage-flutter', 'incomplete:hybrid:flutter'],
    ['code-risky', 'incomplete:dynamic-code'],
  ])('%s is named in the coverage section and caps clauses 2, 4, 5 and 9', async (fixture, code) => {
    const { codes, verdicts } = await coverageOf(fixtureApk(fixture));
    expect(codes).toContain(code);
    for (const clause of [2, 4, 5, 9]) expect(verdicts[clause], `clause ${clause}`).not.toBe('pass');
  });

  it('states nothing for an app whose code is all in its DEX', async () => {
    for (const fixture of ['clean', 'code-safe', 'consent-safe']) expect((await coverageOf(fixtureApk(fixture))).codes, fixture).toEqual([]);
  });

  it('a launcher that loads a page in an app with real code of its own is not a shell', async () => {
    // demo-shop's WebActivity loads remote pages, but the app has its own screens and logic.
    expect((await coverageOf(fixtureApk('demo-shop'))).codes).not.toContain('incomplete:webview-shell');
  });

  it.each([
    [['lib/arm64-v8a/libflutter.so', 'lib/arm64-v8a/libapp.so'], ['flutter']],
    [['assets/flutter_assets/AssetManifest.json'], ['flutter']],
    [['assets/index.android.bundle'], ['react-native']],
    [['lib/armeabi-v7a/libreactnativejni.so'], ['react-native']],
    [['assets/apps/__UNI__1234567/www/manifest.json'], ['uni-app']],
    [['assets/www/cordova.js'], ['cordova']],
    [['assemblies/Mono.Android.dll'], ['xamarin']],
    [['lib/arm64-v8a/libunity.so', 'lib/arm64-v8a/libil2cpp.so'], ['unity']],
    [['lib/armeabi-v7a/libcocos2djs.so'], ['cocos']],
    [['classes.dex', 'lib/arm64-v8a/libflutterish.so', 'assets/www/index.html', 'res/apps/x/www/a.js'], []],
  ])('hybrid frameworks in %j', (entries, ids) => {
    expect(hybridFrameworks(entries).map((h) => h.framework.id)).toEqual(ids);
  });
});

describe('well-known libraries', () => {
  it('matches at package boundaries only', () => {
    expect(libraryOfClass('androidx.multidex.MultiDex')).toBe('AndroidX');
    expect(libraryOfClass('okhttp3.internal.tls.OkHostnameVerifier')).toBe('OkHttp / Okio');
    expect(libraryOfClass('kotlin.collections.ArraysKt')).toBe('Kotlin');
    expect(libraryOfClass('kotlinfoo.Bar')).toBeUndefined();
    expect(libraryOfClass('com.example.app.MainActivity')).toBeUndefined();
    expect(libraryOfClass('androidx')).toBeUndefined();
  });
});

describe.skipIf(!hasCorpus())('coverage limits on the corpus', () => {
  const apk = (n: string): string => join(CORPUS, 'apk', `${n}.apk`);
  it('MultiDex loading the APK’s own classesN.dex is not dynamic code', async () => {
    expect((await coverageOf(apk('smartlogin__demo'))).codes).not.toContain('incomplete:dynamic-code');
    expect((await coverageOf(apk('oaid__demo__47dd5c5'))).codes).not.toContain('incomplete:dynamic-code');
  });
  it('hot-fix and ad SDKs that load code at runtime are', async () => {
    expect((await coverageOf(apk('bugly-android-demo__app-release'))).codes).toContain('incomplete:dynamic-code');
    expect((await coverageOf(apk('togetherad__app-release'))).codes).toContain('incomplete:dynamic-code');
  });
});
