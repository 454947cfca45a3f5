#!/usr/bin/env node
// Builds the app-bundle and split-set fixtures of fixtures/bundles/ from
// fixtures/bundles/shop-bundle/ with the real Android toolchain from Debian:
//   apt-get install -y aapt apksigner libsmali-java android-framework-res zip default-jdk-headless
// aapt2 compiles and links each module twice: `--proto-format` (the protobuf manifest and
// resources.pb an .aab holds) and binary (the split APKs a device installs); smali assembles the
// code; apksigner signs the APKs, jarsigner the bundle (v1, as bundletool-built bundles are signed).
// bundletool itself is not packaged for Debian, so the bundle's zip layout (base/manifest/,
// base/dex/, base/resources.pb, <module>/…, BundleConfig.pb) is laid out here; BundleConfig.pb is
// written with the wire writer of src/util/protobuf.ts (field 1 bundletool { 2 version }).
//
// Usage: npm run build && node scripts/build-bundle-fixtures.mjs
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'fixtures/bundles/shop-bundle');
const out = join(root, 'fixtures/bundles');
const work = join(root, 'fixtures/build/bundle');
const FRAMEWORK = process.env.FRAMEWORK_RES ?? '/usr/share/android-framework-res/framework-res.apk';
const KEY_PASS = 'pledge-audit-fixtures';
const KS = join(root, 'fixtures/keys/test-key.jks');

function run(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stderr || r.stdout || r.error?.message}`);
  return `${r.stdout}${r.stderr}`;
}

function smali(dir, dex) {
  run('smali', ['assemble', '-a', '21', '-o', dex, dir]);
  if (!existsSync(dex)) throw new Error(`smali wrote no ${dex}`);
}

function sign(unsigned, signed) {
  run('apksigner', ['sign', '--ks', KS, '--ks-key-alias', 'fixture', '--ks-pass', `pass:${KEY_PASS}`, '--key-pass', `pass:${KEY_PASS}`, '--out', signed, unsigned]);
  rmSync(`${signed}.idsig`, { force: true });
}

/** aapt2 link of one module's manifest (and compiled resources), proto or binary. */
function link(manifest, output, { proto, res, versionCode }) {
  const args = ['link', '-I', FRAMEWORK, '--manifest', manifest, '-o', output];
  if (proto) args.push('--proto-format');
  if (versionCode !== undefined) args.push('--version-code', String(versionCode), '--replace-version');
  if (res !== undefined) args.push(res);
  run('aapt2', args);
}

const { ProtoWriter } = await import(join(root, 'dist/src/util/protobuf.js'));
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
mkdirSync(out, { recursive: true });

// Code and resources.
run('aapt2', ['compile', '--dir', join(src, 'base/res'), '-o', join(work, 'base-res.zip')]);
smali(join(src, 'base/smali'), join(work, 'base-classes.dex'));
smali(join(src, 'feature/smali'), join(work, 'scan-classes.dex'));

// The bundle: proto manifests and resource table, laid out as bundletool's build-bundle does.
link(join(src, 'base/AndroidManifest.xml'), join(work, 'base-proto.zip'), { proto: true, res: join(work, 'base-res.zip') });
link(join(src, 'feature/AndroidManifest.xml'), join(work, 'scan-proto.zip'), { proto: true });
const aab = join(work, 'aab');
mkdirSync(join(aab, 'base/manifest'), { recursive: true });
mkdirSync(join(aab, 'base/dex'), { recursive: true });
mkdirSync(join(aab, 'base/lib/arm64-v8a'), { recursive: true });
mkdirSync(join(aab, 'scan/manifest'), { recursive: true });
mkdirSync(join(aab, 'scan/dex'), { recursive: true });
run('unzip', ['-q', '-o', join(work, 'base-proto.zip'), '-d', join(work, 'base-proto')]);
run('unzip', ['-q', '-o', join(work, 'scan-proto.zip'), '-d', join(work, 'scan-proto')]);
cpSync(join(work, 'base-proto/AndroidManifest.xml'), join(aab, 'base/manifest/AndroidManifest.xml'));
cpSync(join(work, 'base-proto/resources.pb'), join(aab, 'base/resources.pb'));
cpSync(join(work, 'base-proto/res'), join(aab, 'base/res'), { recursive: true });
cpSync(join(work, 'scan-proto/AndroidManifest.xml'), join(aab, 'scan/manifest/AndroidManifest.xml'));
cpSync(join(work, 'base-classes.dex'), join(aab, 'base/dex/classes.dex'));
cpSync(join(work, 'scan-classes.dex'), join(aab, 'scan/dex/classes.dex'));
cpSync(join(src, 'abi/lib/arm64-v8a/libscan.so'), join(aab, 'base/lib/arm64-v8a/libscan.so'));
writeFileSync(join(aab, 'BundleConfig.pb'), new ProtoWriter().message(1, new ProtoWriter().string(2, '1.15.6')).finish());
const aabOut = join(out, 'shop-bundle.aab');
rmSync(aabOut, { force: true });
run('zip', ['-q', '-X', '-r', aabOut, 'BundleConfig.pb', 'base', 'scan'], aab);
run('jarsigner', ['-keystore', KS, '-storepass', KEY_PASS, '-keypass', KEY_PASS, '-digestalg', 'SHA-256', '-sigalg', 'SHA256withRSA', aabOut, 'fixture']);

// The split APKs of the same app: base, the scan feature split, the arm64 ABI split.
link(join(src, 'base/AndroidManifest.xml'), join(work, 'base-unsigned.apk'), { proto: false, res: join(work, 'base-res.zip') });
cpSync(join(work, 'base-classes.dex'), join(work, 'classes.dex'));
run('zip', ['-q', '-X', join(work, 'base-unsigned.apk'), 'classes.dex'], work);
sign(join(work, 'base-unsigned.apk'), join(out, 'shop-bundle-base.apk'));
link(join(src, 'feature/AndroidManifest.xml'), join(work, 'scan-unsigned.apk'), { proto: false });
cpSync(join(work, 'scan-classes.dex'), join(work, 'classes.dex'));
run('zip', ['-q', '-X', join(work, 'scan-unsigned.apk'), 'classes.dex'], work);
sign(join(work, 'scan-unsigned.apk'), join(out, 'shop-bundle-split_scan.apk'));
link(join(src, 'abi/AndroidManifest.xml'), join(work, 'abi-unsigned.apk'), { proto: false });
run('zip', ['-q', '-X', join(work, 'abi-unsigned.apk'), 'lib/arm64-v8a/libscan.so'], join(src, 'abi'));
sign(join(work, 'abi-unsigned.apk'), join(out, 'shop-bundle-split_config.arm64_v8a.apk'));
// A scan split of the next version: installing it with this base fails (E_SPLITS_MISMATCH).
link(join(src, 'feature/AndroidManifest.xml'), join(work, 'scan8-unsigned.apk'), { proto: false, versionCode: 8 });
run('zip', ['-q', '-X', join(work, 'scan8-unsigned.apk'), 'classes.dex'], work);
sign(join(work, 'scan8-unsigned.apk'), join(out, 'shop-bundle-split_scan-v8.apk'));

// bundletool's .apks (splits/<module>-<config>.apk) and an APKPure-style .xapk (manifest.json).
const apks = join(work, 'apks');
mkdirSync(join(apks, 'splits'), { recursive: true });
cpSync(join(out, 'shop-bundle-base.apk'), join(apks, 'splits/base-master.apk'));
cpSync(join(out, 'shop-bundle-split_scan.apk'), join(apks, 'splits/scan-master.apk'));
cpSync(join(out, 'shop-bundle-split_config.arm64_v8a.apk'), join(apks, 'splits/base-arm64_v8a.apk'));
rmSync(join(out, 'shop-bundle.apks'), { force: true });
run('zip', ['-q', '-X', '-r', join(out, 'shop-bundle.apks'), 'splits'], apks);
const xapk = join(work, 'xapk');
mkdirSync(xapk, { recursive: true });
cpSync(join(out, 'shop-bundle-base.apk'), join(xapk, 'com.example.bundleshop.apk'));
cpSync(join(out, 'shop-bundle-split_scan.apk'), join(xapk, 'scan.apk'));
cpSync(join(out, 'shop-bundle-split_config.arm64_v8a.apk'), join(xapk, 'config.arm64_v8a.apk'));
const manifestJson = {
  xapk_version: 2,
  package_name: 'com.example.bundleshop',
  name: '分包小铺',
  version_code: '7',
  version_name: '1.0.7',
  split_apks: [
    { file: 'com.example.bundleshop.apk', id: 'base' },
    { file: 'scan.apk', id: 'scan' },
    { file: 'config.arm64_v8a.apk', id: 'config.arm64_v8a' },
  ],
};
writeFileSync(join(xapk, 'manifest.json'), `${JSON.stringify(manifestJson, null, 2)}\n`);
rmSync(join(out, 'shop-bundle.xapk'), { force: true });
run('zip', ['-q', '-X', join(out, 'shop-bundle.xapk'), 'manifest.json', 'com.example.bundleshop.apk', 'scan.apk', 'config.arm64_v8a.apk'], xapk);
rmSync(join(root, 'fixtures/build'), { recursive: true, force: true });
console.log(`built ${readFileSync(aabOut).length} byte bundle and split sets in fixtures/bundles/`);
