import { describe, expect, it } from 'vitest';
import { fixtureFacts } from '../helpers/fixtures.js';

describe('SDK detection and ownership on fixtures built with the real toolchain', () => {
  it('sdk-mix: detections, evidence kinds and owners come out exactly as built', async () => {
    const facts = await fixtureFacts('sdk-mix');
    const sdks = facts.sdks.map((f) => ({ id: f.record.id, foundBy: f.detection.foundBy, obfuscated: f.detection.obfuscated, used: f.used, pi: f.piKinds }));
    expect(sdks).toEqual([
      // Real AMap location classes, called by the app, reading location inside its own code. (The
      // AMap api-key meta-data is shared by several AMap SDKs, so it identifies none of them.)
      { id: 'amap-location', foundBy: ['classes'], obfuscated: false, used: true, pi: ['LOCATION'] },
      // Only a native library: libjcore_2.1.so.
      { id: 'jiguang-jcore', foundBy: ['nativeLibs'], obfuscated: true, used: false, pi: [] },
      // Umeng renamed by ProGuard: found by its UMENG_APPKEY meta-data alone.
      { id: 'umeng-analytics', foundBy: ['metaData'], obfuscated: true, used: false, pi: [] },
    ]);
    // Two interface-only classes under com.sensorsdata.analytics are a stub, not Sensors Analytics.
    expect(facts.sdks.some((f) => f.record.id === 'sensors-analytics')).toBe(false);

    const owners = facts.apiUses
      .map((u) => `${u.kind} ${u.callerClass} ${u.owner.kind === 'sdk' || u.owner.kind === 'vendor' ? `${u.owner.kind}:${u.owner.id}` : u.owner.kind}`)
      .sort();
    expect(owners).toEqual(
      [
        'IMEI Lorg/pledgeaudit/fixture/sdkmix/MainActivity; app',
        'LOCATION Lorg/pledgeaudit/fixture/sdkmix/MainActivity; app',
        'LOCATION Lcom/amap/api/location/AMapLocationClient; sdk:amap-location',
        // A look-alike package is not the SDK it resembles, and not the app's either.
        'IMSI Lcom/umengx/Tracker; unknown',
        // Under AutoNavi's namespace but outside every listed AMap SDK prefix: the vendor's code.
        'SERIAL Lcom/amap/apiextra/location/Helper; vendor:amap',
        // Renamed code outside the app package cannot be attributed.
        'MAC La/a/b; unknown',
      ].sort(),
    );
  });

  it('demo-shop: SDKs called by the app are "used", SDKs reading PI carry their kinds', async () => {
    const facts = await fixtureFacts('demo-shop');
    const byId = new Map(facts.sdks.map((f) => [f.record.id, f]));
    expect(byId.get('amap-location')?.used).toBe(true);
    expect(byId.get('jpush')?.piKinds).toEqual(['IMSI']);
    expect(byId.get('umeng-common')?.piKinds).toEqual(['ANDROID_ID', 'MAC']);
    expect(byId.get('umeng-common')?.consentApis.find((a) => a.role === 'gate')?.sites).toEqual([]);
    expect(byId.get('amap-location')?.consentApis.every((a) => a.sites.length > 0)).toBe(true);
  });
});
