import { describe, expect, it } from 'vitest';
import { compileGlob, detectPackers } from '../../src/sdk/index.js';
import type { PackerInput } from '../../src/sdk/index.js';

const base: PackerInput = { nativeLibs: [], assets: [] };
const ids = (over: Partial<PackerInput>) => detectPackers({ ...base, ...over }).map((d) => d.packer.id);

describe('detectPackers: APKiD-style file signatures', () => {
  it('finds 360 Jiagu from its native library, in lib/ or in assets/', () => {
    const [d] = detectPackers({ ...base, nativeLibs: ['lib/armeabi-v7a/libjiagu.so', 'lib/armeabi-v7a/libapp.so'] });
    expect(d?.packer.id).toBe('qihoo-360-jiagu');
    expect(d?.packer.name.zh).toBe('360 加固');
    expect(d?.files).toEqual(['lib/armeabi-v7a/libjiagu.so']);
    expect(ids({ assets: ['assets/libjiagu_a64.so'] })).toEqual(['qihoo-360-jiagu']);
  });

  it('finds Bangcle from libsecexe.so, libDexHelper.so or its stub class', () => {
    expect(ids({ nativeLibs: ['lib/armeabi/libsecexe.so'] })).toEqual(['bangcle']);
    expect(ids({ nativeLibs: ['lib/arm64-v8a/libDexHelper.so'] })).toEqual(['bangcle']);
    expect(ids({ components: ['com.secneo.apkwrapper.ApplicationWrapper'] })).toEqual(['bangcle']);
  });

  it('finds Ijiami from assets/ijiami.dat or its native libraries', () => {
    expect(ids({ assets: ['assets/ijiami.dat'] })).toEqual(['ijiami']);
    expect(ids({ nativeLibs: ['lib/armeabi/libexecmain.so'] })).toEqual(['ijiami']);
    expect(ids({ assets: ['assets/ijm_lib/armeabi/libexec.so'] })).toEqual(['ijiami']);
  });

  it('finds Tencent Legu from libshella-*.so, assets/tosversion or the StubShell class', () => {
    expect(ids({ nativeLibs: ['lib/armeabi/libshella-2.10.3.4.so'] })).toEqual(['tencent-legu']);
    expect(ids({ assets: ['assets/tosversion'] })).toEqual(['tencent-legu']);
    const [d] = detectPackers({ ...base, classDescriptors: ['Lcom/tencent/StubShell/TxAppEntry;', 'Lcom/example/A;'] });
    expect(d?.packer.id).toBe('tencent-legu');
    expect(d?.classes).toEqual(['Lcom/tencent/StubShell/TxAppEntry;']);
  });

  it('matches a folder-less marker file wherever it sits', () => {
    expect(ids({ entries: ['res/raw/LIAPPClient.sc'] })).toEqual(['liapp']);
  });

  it('needs every signature an APKiD rule requires together', () => {
    expect(ids({ assets: ['assets/dp.mp3'] })).toEqual([]);
    expect(ids({ assets: ['assets/dp.arm-v7.so.dat'] })).toEqual([]);
    expect(ids({ assets: ['assets/dp.mp3', 'assets/dp.arm-v7.so.dat'] })).toEqual(['dexprotector']);
  });

  it('stays silent on an ordinary app, and reports several packers sorted', () => {
    expect(ids({ nativeLibs: ['lib/arm64-v8a/libflutter.so', 'lib/arm64-v8a/libjcore300.so'], assets: ['assets/flutter_assets/AssetManifest.json'] })).toEqual([]);
    expect(ids({ nativeLibs: ['lib/armeabi/libjiagu.so', 'lib/armeabi/libsecexe.so'] })).toEqual(['bangcle', 'qihoo-360-jiagu']);
  });
});

describe('compileGlob', () => {
  it('is literal except for * and a trailing /', () => {
    expect(compileGlob('libjcore*.so').test('libjcore300.so')).toBe(true);
    expect(compileGlob('libjcore*.so').test('libjcore.so')).toBe(true);
    expect(compileGlob('libjcore*.so').test('libjcorex.sox')).toBe(false);
    expect(compileGlob('lib.so').test('libxso')).toBe(false);
    expect(compileGlob('a*b*c').test('abc')).toBe(true);
    expect(compileGlob('a*b*c').test('ac')).toBe(false);
    expect(compileGlob('a*bc*c').test('abc')).toBe(false);
    expect(compileGlob('assets/x/').test('assets/x/y')).toBe(true);
    expect(compileGlob('assets/x/').test('assets/xy')).toBe(false);
  });
});
