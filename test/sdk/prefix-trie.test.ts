import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ownerOf, PrefixTrie } from '../../src/sdk/index.js';

function trie(...prefixes: string[]): PrefixTrie<string> {
  const t = new PrefixTrie<string>();
  for (const p of prefixes) t.add(p, p);
  return t;
}

describe('PrefixTrie: package boundaries', () => {
  it('does not let com.dv match com.dvtonder (the Exodus false positive)', () => {
    const t = trie('com.dv');
    expect(t.ownerOf('Lcom/dvtonder/chronus/Foo;')).toBeUndefined();
    expect(t.ownerOf('Lcom/dv/DVSDK;')).toBe('com.dv');
    expect(t.ownerOf('Lcom/dv/a/b/c;')).toBe('com.dv');
    expect(t.ownerOfClassName('com.dvtonder.chronus.Foo')).toBeUndefined();
  });

  it('matches a package at every depth below it', () => {
    const t = trie('com.umeng');
    expect(t.ownerOf('Lcom/umeng/x;')).toBe('com.umeng');
    expect(t.ownerOf('Lcom/umeng/a/b;')).toBe('com.umeng');
    expect(t.ownerOf('Lcom/umengx/a;')).toBeUndefined();
    expect(t.ownerOf('Lcom/ume/a;')).toBeUndefined();
    expect(t.ownerOf('Lcom/a;')).toBeUndefined();
  });

  it('picks the longest matching prefix', () => {
    const t = trie('com.amap.api', 'com.amap.api.location', 'com.amap.api.maps');
    expect(t.ownerOf('Lcom/amap/api/location/AMapLocationClient;')).toBe('com.amap.api.location');
    expect(t.ownerOf('Lcom/amap/api/maps/MapsInitializer;')).toBe('com.amap.api.maps');
    expect(t.ownerOf('Lcom/amap/api/services/core/ServiceSettings;')).toBe('com.amap.api');
    expect(t.ownerOf('Lcom/amap/apis/x;')).toBeUndefined();
  });

  it('treats a class-level prefix and its inner classes as one name', () => {
    const t = trie('com.dv.DVSDK');
    expect(t.ownerOf('Lcom/dv/DVSDK;')).toBe('com.dv.DVSDK');
    expect(t.ownerOf('Lcom/dv/DVSDK$1;')).toBe('com.dv.DVSDK');
    expect(t.ownerOf('Lcom/dv/DVSDK$Inner$2;')).toBe('com.dv.DVSDK');
    expect(t.ownerOf('Lcom/dv/DVSDKHelper;')).toBeUndefined();
    expect(t.ownerOfClassName('com.dv.DVSDK$Inner')).toBe('com.dv.DVSDK');
  });

  it('gives nothing to classes in the default package or to non-class descriptors', () => {
    const t = trie('com.umeng', 'a.b');
    for (const d of ['LFoo;', 'La;', 'I', 'V', '[I', '[[J', '', 'L', 'L;', ';', 'Lcom;', 'com/umeng/x;', 'xcom/umeng/a;']) {
      expect(t.ownerOf(d), JSON.stringify(d)).toBeUndefined();
    }
  });

  it('reads array descriptors, a missing semicolon and stops at empty segments', () => {
    const t = trie('com.umeng', 'com.umeng.analytics');
    expect(t.ownerOf('[Lcom/umeng/a;')).toBe('com.umeng');
    expect(t.ownerOf('[[Lcom/umeng/analytics/b;')).toBe('com.umeng.analytics');
    expect(t.ownerOf('Lcom/umeng/analytics/b')).toBe('com.umeng.analytics');
    // `//` is malformed: what matched before it stands, nothing after it is trusted
    expect(t.ownerOf('Lcom/umeng//analytics/b;')).toBe('com.umeng');
    expect(t.ownerOf('Lcom//umeng/a;')).toBeUndefined();
    expect(t.ownerOf('Lcom/umeng/analytics/;')).toBe('com.umeng.analytics');
  });

  it('refuses one-segment and malformed prefixes, and keeps the first value of a prefix', () => {
    const t = new PrefixTrie<number>();
    expect(t.add('com', 1)).toBe(false);
    expect(t.add('', 1)).toBe(false);
    expect(t.add('com..x', 1)).toBe(false);
    expect(t.add('.com.x', 1)).toBe(false);
    expect(t.add('com.x', 1)).toBe(true);
    expect(t.add('com.x', 2)).toBe(false);
    expect(t.size).toBe(1);
    expect(t.ownerOf('Lcom/x/Y;')).toBe(1);
    expect(t.ownerOf('Lcom/Z;')).toBeUndefined();
  });

  it('never throws, and answers only with stored values, on arbitrary strings (seeded)', () => {
    const t = trie('com.umeng', 'com.umeng.analytics', 'cn.jpush.android', 'a.b');
    const stored = new Set(['com.umeng', 'com.umeng.analytics', 'cn.jpush.android', 'a.b', undefined]);
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), fc.stringMatching(/^\[?L[a-z/$;]{0,30};?$/), (s, d) => {
        expect(stored.has(t.ownerOf(s))).toBe(true);
        expect(stored.has(t.ownerOf(d))).toBe(true);
        expect(stored.has(t.ownerOfClassName(s))).toBe(true);
      }),
      { seed: 20261129, numRuns: 500 },
    );
  });
});

describe('ownerOf over the shipped catalogue', () => {
  it('applies the boundary rule to the real signatures', () => {
    expect(ownerOf('Lcom/dv/DVSDK;')?.id).toBe('dov-e');
    expect(ownerOf('Lcom/dvtonder/chronus/Foo;')).toBeUndefined();
    expect(ownerOf('Lcom/umeng/analytics/pro/a;')?.id).toBe('umeng-analytics');
    expect(ownerOf('Lcom/umeng/commonsdk/UMConfigure;')?.id).toBe('umeng-common');
    expect(ownerOf('Lcom/huawei/hms/push/HmsMessaging;')?.id).toBe('hms-push');
    expect(ownerOf('Lcom/huawei/hms/api/HuaweiApiClient;')?.id).toBe('hms-core');
    expect(ownerOf('Lcom/huawei/hms/ads/identifier/AdvertisingIdClient;')?.id).toBe('hms-ads-identifier');
    expect(ownerOf('Lcom/google/android/gms/ads/identifier/AdvertisingIdClient;')?.id).toBe('google-advertising-id');
    expect(ownerOf('Lcom/google/android/gms/ads/AdView;')?.id).toBe('google-admob');
    expect(ownerOf('Lcom/bytedance/boost_multidex/BoostMultiDex;')).toBeUndefined();
    expect(ownerOf('Landroidx/appcompat/app/AppCompatActivity;')).toBeUndefined();
    expect(ownerOf('Lcom/example/MainActivity;')).toBeUndefined();
  });

  it('keeps the shared ACCS/Agoo channel apart from both push SDKs built on it', () => {
    expect(ownerOf('Lcom/taobao/accs/ACCSClient;')?.id).toBe('alibaba-accs-agoo');
    expect(ownerOf('Lcom/umeng/message/PushAgent;')?.id).toBe('umeng-push');
    expect(ownerOf('Lcom/alibaba/sdk/android/push/CloudPushService;')?.id).toBe('alibaba-push');
  });
});
