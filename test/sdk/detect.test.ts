import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSdks, isCountedClass, SAMPLE_CLASSES, STUB_MIN_CLASSES } from '../../src/sdk/index.js';
import type { SdkCatalogue, SdkInput, SdkRecord } from '../../src/sdk/index.js';

function sdk(id: string, over: Partial<SdkRecord> = {}): SdkRecord {
  return {
    id,
    name: { zh: `${id}中文`, en: id },
    vendor: { en: 'Vendor' },
    category: 'analytics',
    packages: [],
    components: [],
    metaDataKeys: [],
    nativeLibs: [],
    assets: [],
    autoInitProviders: [],
    killSwitchMetaData: [],
    consentApis: [],
    initApis: [],
    strings: [],
    network: [],
    sources: ['curated:test'],
    ...over,
  };
}

const CATALOGUE: SdkCatalogue = {
  version: '2026.11.1',
  generatedBy: 'test',
  sources: [],
  vendors: [],
  sdks: [
    sdk('acme-analytics', {
      packages: ['com.acme.analytics'],
      components: ['com.acme.analytics.TrackService'],
      autoInitProviders: ['com.acme.core.AcmeInitProvider'],
      metaDataKeys: ['ACME_APPKEY', 'SHARED_KEY'],
      nativeLibs: ['libacme*.so', 'libacme-exact.so'],
      strings: ['track.acme.example', 'acme_session_header_'],
    }),
    sdk('acme-push', { category: 'push', packages: ['com.acme.push'], metaDataKeys: ['SHARED_KEY'], assets: ['assets/acme_push/', 'assets/acme.cfg'] }),
    sdk('wx', { category: 'share', packages: ['com.wx.opensdk'], components: ['*.wxapi.WXEntryActivity'] }),
  ],
};

function input(over: Partial<SdkInput> = {}): SdkInput {
  return { classDescriptors: [], components: [], metaDataKeys: [], nativeLibs: [], assets: [], ...over };
}
const detect = (over: Partial<SdkInput>) => detectSdks(input(over), CATALOGUE);
const ids = (over: Partial<SdkInput>) => detect(over).map((d) => d.sdk.id);

describe('stub rule: classes alone must look like SDK code', () => {
  const classes = (n: number, pkg = 'com/acme/analytics') => Array.from({ length: n }, (_, i) => `L${pkg}/C${i};`);

  it(`needs ${STUB_MIN_CLASSES} counted classes when interfaces are unknown`, () => {
    expect(ids({ classDescriptors: classes(STUB_MIN_CLASSES - 1) })).toEqual([]);
    expect(ids({ classDescriptors: classes(STUB_MIN_CLASSES) })).toEqual(['acme-analytics']);
  });

  it('needs one non-interface class when the caller knows interfaces', () => {
    const only = classes(10);
    expect(ids({ classDescriptors: only, isInterface: () => true })).toEqual([]);
    expect(ids({ classDescriptors: ['Lcom/acme/analytics/Tracker;'], isInterface: () => false })).toEqual(['acme-analytics']);
    const mixed = detect({ classDescriptors: [...only, 'Lcom/acme/analytics/Impl;'], isInterface: (d) => d !== 'Lcom/acme/analytics/Impl;' });
    expect(mixed.map((d) => d.sdk.id)).toEqual(['acme-analytics']);
    expect(mixed[0]?.evidence.classes).toBe(11);
  });

  it('does not count R, BuildConfig, Manifest, package-info or no-op classes', () => {
    const generated = ['R', 'R$string', 'R$layout', 'BuildConfig', 'Manifest', 'Manifest$permission', 'package-info'].map((n) => `Lcom/acme/analytics/${n};`);
    expect(generated.every((d) => !isCountedClass(d))).toBe(true);
    expect(ids({ classDescriptors: generated })).toEqual([]);
    expect(ids({ classDescriptors: generated, isInterface: () => false })).toEqual([]);
    const noop = ['noop', 'no_op', 'NoOp', 'nop'].flatMap((seg) => classes(5, `com/acme/analytics/${seg}`));
    expect(ids({ classDescriptors: noop })).toEqual([]);
    expect(isCountedClass('Lcom/acme/analytics/Rx;')).toBe(true);
    expect(isCountedClass('Lcom/acme/analytics/noopish/A;')).toBe(true);
  });

  it('counts classes towards the evidence even when something else made the detection', () => {
    const [d] = detect({ classDescriptors: ['Lcom/acme/analytics/A;'], components: ['com.acme.analytics.TrackService'] });
    expect(d?.evidence.classes).toBe(1);
    expect(d?.foundBy).toEqual(['classes', 'components']);
    expect(d?.obfuscated).toBe(false);
  });
});

describe('obfuscated apps: manifest, native libraries and assets survive renaming', () => {
  it('finds an SDK from a component alone, and says its code was renamed', () => {
    const [d, ...rest] = detect({ components: ['com.acme.analytics.TrackService'], classDescriptors: ['La/a/a;', 'La/a/b;'] });
    expect(rest).toEqual([]);
    expect(d?.sdk).toEqual({ id: 'acme-analytics', name: { zh: 'acme-analytics中文', en: 'acme-analytics' }, vendor: { en: 'Vendor' }, category: 'analytics' });
    expect(d?.foundBy).toEqual(['components']);
    expect(d?.obfuscated).toBe(true);
    expect(d?.evidence.classes).toBe(0);
  });

  it('finds an SDK from a component under its namespace that the catalogue does not list', () => {
    const [d] = detect({ components: ['com.acme.analytics.internal.NewReceiver'] });
    expect(d?.sdk.id).toBe('acme-analytics');
    expect(d?.evidence.components).toEqual(['com.acme.analytics.internal.NewReceiver']);
  });

  it('counts an auto-init provider as a component signature', () => {
    expect(ids({ components: ['com.acme.core.AcmeInitProvider'] })).toEqual(['acme-analytics']);
  });

  it('matches suffix component patterns only with something before the suffix', () => {
    expect(ids({ components: ['com.shop.app.wxapi.WXEntryActivity'] })).toEqual(['wx']);
    expect(ids({ components: ['.wxapi.WXEntryActivity'] })).toEqual([]);
    expect(ids({ components: ['com.shop.app.wxapi.WXEntryActivityX'] })).toEqual([]);
  });

  it('finds an SDK from a native library alone, by file name in any ABI folder', () => {
    const [d] = detect({ nativeLibs: ['lib/arm64-v8a/libacme_core.so', 'lib/armeabi-v7a/libacme-exact.so', 'lib/x86/libother.so'] });
    expect(d?.sdk.id).toBe('acme-analytics');
    expect(d?.foundBy).toEqual(['nativeLibs']);
    expect(d?.evidence.nativeLibs).toEqual(['lib/arm64-v8a/libacme_core.so', 'lib/armeabi-v7a/libacme-exact.so']);
    expect(d?.obfuscated).toBe(true);
  });

  it('finds an SDK from a meta-data key that only it documents', () => {
    const [d] = detect({ metaDataKeys: ['ACME_APPKEY', 'unrelated'] });
    expect(d?.sdk.id).toBe('acme-analytics');
    expect(d?.foundBy).toEqual(['metaData']);
    expect(d?.obfuscated).toBe(true);
  });

  it('does not let a key several SDKs share decide which of them is present', () => {
    expect(ids({ metaDataKeys: ['SHARED_KEY'] })).toEqual([]);
    const found = detect({ metaDataKeys: ['SHARED_KEY'], components: ['com.acme.analytics.TrackService'] });
    expect(found.map((d) => d.sdk.id)).toEqual(['acme-analytics']);
    expect(found[0]?.evidence.metaDataKeys).toEqual(['SHARED_KEY']);
  });

  it('finds an SDK from assets: a folder pattern and an exact file', () => {
    expect(ids({ assets: ['assets/acme_push/plugin.jar'] })).toEqual(['acme-push']);
    expect(ids({ assets: ['assets/acme.cfg'] })).toEqual(['acme-push']);
    expect(ids({ assets: ['assets/acme_pushx/a', 'assets/acme.cfg.bak'] })).toEqual([]);
  });
});

describe('strings support a detection but never make one', () => {
  const hasString = (s: string) => s === 'track.acme.example' || s === 'acme_session_header_';

  it('ignores strings when nothing else points at the SDK', () => {
    expect(ids({ hasString })).toEqual([]);
  });

  it('records matching strings as evidence once the SDK is found', () => {
    const [d] = detect({ hasString, metaDataKeys: ['ACME_APPKEY'] });
    expect(d?.evidence.strings).toEqual(['acme_session_header_', 'track.acme.example']);
    expect(d?.foundBy).toEqual(['metaData', 'strings']);
  });
});

describe('first-party code inside an SDK namespace', () => {
  it("does not count the app's own classes and components, only the SDK's", () => {
    const own = ['Lcom/acme/analytics/demo/MainActivity;', 'Lcom/acme/analytics/demo/A;', 'Lcom/acme/analytics/demo/B;'];
    expect(ids({ classDescriptors: own, components: ['com.acme.analytics.demo.MainActivity'], appPackage: 'com.acme.analytics.demo' })).toEqual([]);
    const withSdk = detect({ classDescriptors: [...own, 'Lcom/acme/analytics/Tracker;', 'Lcom/acme/analytics/A;', 'Lcom/acme/analytics/B;'], appPackage: 'com.acme.analytics.demo' });
    expect(withSdk[0]?.evidence.classes).toBe(3);
    // an app whose package is unrelated changes nothing
    expect(ids({ classDescriptors: own, appPackage: 'com.shop' })).toEqual(['acme-analytics']);
  });
});

describe('output', () => {
  const many = Array.from({ length: 40 }, (_, i) => `Lcom/acme/analytics/C${String(i).padStart(2, '0')};`);
  const full = input({
    classDescriptors: [...many, 'Lcom/acme/push/P1;', 'Lcom/acme/push/P2;', 'Lcom/acme/push/P3;', 'Lcom/wx/opensdk/A;'],
    components: ['com.acme.analytics.TrackService', 'com.acme.core.AcmeInitProvider'],
    metaDataKeys: ['SHARED_KEY', 'ACME_APPKEY'],
    nativeLibs: ['lib/x86/libacme.so', 'lib/arm64-v8a/libacme.so'],
    assets: ['assets/acme.cfg'],
  });

  it('is sorted by id, with sorted evidence and the smallest sample classes', () => {
    const out = detectSdks(full, CATALOGUE);
    expect(out.map((d) => d.sdk.id)).toEqual(['acme-analytics', 'acme-push']);
    const a = out[0];
    expect(a?.evidence.sampleClasses).toHaveLength(SAMPLE_CLASSES);
    expect(a?.evidence.sampleClasses).toEqual(many.slice(0, SAMPLE_CLASSES));
    expect(a?.evidence.components).toEqual(['com.acme.analytics.TrackService', 'com.acme.core.AcmeInitProvider']);
    expect(a?.evidence.metaDataKeys).toEqual(['ACME_APPKEY', 'SHARED_KEY']);
    expect(a?.evidence.nativeLibs).toEqual(['lib/arm64-v8a/libacme.so', 'lib/x86/libacme.so']);
    expect(a?.foundBy).toEqual(['classes', 'components', 'metaData', 'nativeLibs']);
    expect(out[1]?.foundBy).toEqual(['classes', 'metaData', 'assets']);
  });

  it('does not depend on the order of its input', () => {
    const reversed = input({
      classDescriptors: [...full.classDescriptors].reverse(),
      components: [...full.components].reverse(),
      metaDataKeys: [...full.metaDataKeys].reverse(),
      nativeLibs: [...full.nativeLibs].reverse(),
      assets: [...full.assets].reverse(),
    });
    expect(detectSdks(reversed, CATALOGUE)).toEqual(detectSdks(full, CATALOGUE));
  });

  it('accepts any iterable of descriptors, read once', () => {
    function* gen(): Generator<string> {
      yield* ['Lcom/acme/push/A;', 'Lcom/acme/push/B;', 'Lcom/acme/push/C;'];
    }
    expect(detectSdks(input({ classDescriptors: gen() }), CATALOGUE).map((d) => d.sdk.id)).toEqual(['acme-push']);
  });

  it('returns nothing for an app without SDKs, with the shipped catalogue too', () => {
    const app = input({ classDescriptors: ['Lcom/example/MainActivity;', 'Landroidx/core/app/ActivityCompat;'], components: ['com.example.MainActivity'] });
    expect(detectSdks(app, CATALOGUE)).toEqual([]);
    expect(detectSdks(app)).toEqual([]);
  });
});

describe('hostile input', () => {
  it('returns detections for any strings, never throws, and is stable (seeded)', () => {
    const str = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Lcom/umeng/analytics/a;', 'com.qq.e.ads.ADActivity', 'lib/x86/libjcore200.so', 'UMENG_APPKEY', 'assets/gdt_plugin/a.jar', ''));
    fc.assert(
      fc.property(fc.array(str, { maxLength: 30 }), fc.array(str, { maxLength: 8 }), fc.array(str, { maxLength: 8 }), fc.array(str, { maxLength: 8 }), fc.array(str, { maxLength: 8 }), (classes, components, keys, libs, assets) => {
        const i = input({ classDescriptors: classes, components, metaDataKeys: keys, nativeLibs: libs, assets, hasString: (s) => s.length % 2 === 0, appPackage: components[0] ?? '' });
        const a = detectSdks(i);
        expect(detectSdks(i)).toEqual(a);
        for (const d of a) expect(d.foundBy.length).toBeGreaterThan(0);
      }),
      { seed: 424242, numRuns: 300 },
    );
  });
});
