import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { groupSplitInputs } from '../../src/input/parts.js';
import { loadFacts } from '../../src/facts/load.js';
import type { AuditReport } from '../../src/report/model.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { withLimits } from '../../src/util/limits.js';
import { writeZip } from '../helpers/zip-writer.js';
import { BufferSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { exec } from '../helpers/exec.js';
import { REPO } from '../helpers/corpus.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const DIR = join(REPO, 'fixtures/bundles');
const f = (name: string): string => join(DIR, name);
const SPLITS = [f('shop-bundle-base.apk'), f('shop-bundle-split_scan.apk'), f('shop-bundle-split_config.arm64_v8a.apk')];

async function report(input: string | string[]): Promise<AuditReport> {
  const r = await audit(input);
  if (r.status !== 'ok') throw new Error(`${r.error.code}: ${r.error.message}`);
  return r;
}

/** Where the startup IMEI read of the scan feature was found. */
function imeiRead(r: AuditReport): string | undefined {
  const finding = r.clauses.flatMap((c) => c.findings).find((x) => x.check === 'c02/collect-before-consent');
  const loc = finding?.evidence[0]?.location;
  return loc?.kind === 'dex' ? loc.entry : undefined;
}

describe('an app in several pieces is one app', () => {
  it.each([
    ['shop-bundle.aab', 'aab', 'scan/dex/classes.dex', ['base', 'scan']],
    ['shop-bundle.apks', 'apks', 'splits/scan-master.apk!/classes.dex', ['splits/base-master.apk', 'splits/scan-master.apk', 'splits/base-arm64_v8a.apk']],
    ['shop-bundle.xapk', 'xapk', 'scan.apk!/classes.dex', ['com.example.bundleshop.apk', 'scan.apk', 'config.arm64_v8a.apk']],
  ])('%s: package and versions as Android sees them, the feature module’s startup read named by its module', async (file, format, entry, parts) => {
    const r = await report(f(file));
    expect(r.target).toMatchObject({ file, format, package: 'com.example.bundleshop', versionCode: '7', versionName: '1.0.7', label: '分包小铺', minSdk: 21, targetSdk: 30 });
    expect(r.target.parts?.map((p) => p.name)).toEqual(parts);
    expect(r.target.parts?.[0]?.kind).toBe('base');
    expect(imeiRead(r)).toBe(entry);
    expect(r.code?.dexFiles).toBe(2);
  });

  it('split APKs given together are audited as one app, with the ABI split’s libraries', async () => {
    const r = await report(SPLITS);
    expect(r.target).toMatchObject({ file: 'shop-bundle-base.apk', format: 'split-apks', package: 'com.example.bundleshop', versionCode: '7' });
    expect(r.target.parts?.map((p) => [p.name, p.kind, p.split ?? null, p.abis])).toEqual([
      ['shop-bundle-base.apk', 'base', null, []],
      ['shop-bundle-split_scan.apk', 'feature', 'scan', []],
      ['shop-bundle-split_config.arm64_v8a.apk', 'config', 'config.arm64_v8a', ['arm64-v8a']],
    ]);
    expect(imeiRead(r)).toBe('shop-bundle-split_scan.apk!/classes.dex');
    const facts = await loadFacts(SPLITS);
    try {
      // The feature's provider and permission join the base manifest; its library is lib/arm64-v8a/.
      expect(facts.manifest.components.map((c) => c.name)).toContain('com.example.bundleshop.scan.ScanInitProvider');
      expect(facts.manifest.usesPermissions.map((p) => p.name)).toEqual(['android.permission.INTERNET', 'android.permission.READ_PHONE_STATE']);
      expect(facts.entries).toContain('lib/arm64-v8a/libscan.so');
      expect(facts.entries).toContain('shop-bundle-split_scan.apk!/AndroidManifest.xml');
      expect(facts.signing?.schemes).toContain('v2');
    } finally {
      facts.close();
    }
  });

  it('the base alone does not see the feature’s code', async () => {
    const r = await report(f('shop-bundle-base.apk'));
    expect(r.target.format).toBeUndefined();
    expect(imeiRead(r)).toBeUndefined();
  });

  it('a bundle keeps its v1 JAR signature, which says nothing of the APKs devices install', async () => {
    const facts = await loadFacts(f('shop-bundle.aab'));
    try {
      expect(facts.signing?.schemes).toEqual(['v1']);
      expect(facts.state('signing')).toBe('unavailable');
      expect(facts.state('resources')).toBe('analysed');
      // The network security config is the base module's protobuf XML, found through resources.pb.
      expect(facts.networkSecurityConfig).toMatchObject({ entry: 'base/res/xml/network_security_config.xml', base: { cleartextTrafficPermitted: true } });
    } finally {
      facts.close();
    }
  });

  it('the bundle and the split set built from the same sources get the same verdicts, but for signing', async () => {
    const aab = await report(f('shop-bundle.aab'));
    const apks = await report(f('shop-bundle.apks'));
    const verdicts = (r: AuditReport): string[] => r.clauses.map((c) => `${c.clause} ${c.verdict} ${c.findings.map((x) => x.check).join(',')}`);
    expect(verdicts(aab).slice(0, 9)).toEqual(verdicts(apks).slice(0, 9));
    // Resource text of the bundle is searched in resources.pb and the protobuf layouts.
    const where = aab.clauses.flatMap((c) => c.findings).flatMap((x) => x.evidence.map((e) => e.location.kind === 'dex' ? e.location.entry : 'entry' in e.location ? e.location.entry : ''));
    expect(where).toEqual(expect.arrayContaining(['base/resources.pb', 'base/res/layout/activity_main.xml', 'base/res/xml/network_security_config.xml']));
    expect(aab.clauses[9]?.findings.map((x) => x.check)).toEqual(['c10/cleartext-traffic']);
  });

  it('refuses splits of another version, and splits without their base', async () => {
    const mismatch = await audit([f('shop-bundle-base.apk'), f('shop-bundle-split_scan-v8.apk')]);
    expect(mismatch).toMatchObject({ status: 'error', error: { code: 'E_SPLITS_MISMATCH', entry: 'shop-bundle-split_scan-v8.apk' } });
    const noBase = await audit([f('shop-bundle-split_scan.apk'), f('shop-bundle-split_config.arm64_v8a.apk')]);
    expect(noBase).toMatchObject({ status: 'error', error: { code: 'E_SPLITS_NO_BASE' } });
    const work = mkdtempSync(join(tmpdir(), 'pledge-parts-'));
    try {
      // A bundle whose modules do not include base/.
      const aab = join(work, 'nobase.aab');
      writeFileSync(aab, writeZip([{ name: 'BundleConfig.pb', data: Buffer.alloc(0) }, { name: 'scan/manifest/AndroidManifest.xml', data: readFileSync(f('shop-bundle-base.apk')).subarray(0, 0) }]));
      expect(await audit(aab)).toMatchObject({ status: 'error', error: { code: 'E_SPLITS_NO_BASE' } });
      // A base module whose manifest is not protobuf.
      const bad = join(work, 'bad.aab');
      writeFileSync(bad, writeZip([{ name: 'BundleConfig.pb', data: Buffer.alloc(0) }, { name: 'base/manifest/AndroidManifest.xml', data: Buffer.from([0x0a, 0x7f, 0x01]) }]));
      expect(await audit(bad)).toMatchObject({ status: 'error', error: { code: 'E_PROTO_MALFORMED', entry: 'base/manifest/AndroidManifest.xml' } });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('says when a split is not signed with the base\'s certificate', async () => {
    const work = mkdtempSync(join(tmpdir(), 'pledge-parts-'));
    try {
      const zip = openZip(new BufferSource(readFileSync(f('shop-bundle-split_scan.apk')), 's.apk'));
      const unsigned = join(work, 'split_scan-unsigned.apk');
      writeFileSync(unsigned, writeZip(zip.names().filter((n) => !n.startsWith('META-INF/')).map((n) => ({ name: n, data: zip.read(n) }))));
      const facts = await loadFacts([f('shop-bundle-base.apk'), unsigned]);
      try {
        expect(facts.diagnostics.list().filter((d) => d.code === 'W_SPLIT_SIGNER').map((d) => d.entry)).toEqual(['split_scan-unsigned.apk']);
      } finally {
        facts.close();
      }
      const signed = await loadFacts(SPLITS);
      try {
        expect(signed.diagnostics.list().some((d) => d.code === 'W_SPLIT_SIGNER')).toBe(false);
      } finally {
        signed.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('groups command-line inputs into apps: splits join the base of their package', () => {
    const sink = new DiagnosticSink();
    const limits = withLimits(undefined);
    const other = join(REPO, 'fixtures/apk/clean.apk');
    expect(groupSplitInputs([other, ...SPLITS], limits, sink)).toEqual([other, SPLITS]);
    // The base leads its group, which takes the place of the app's first input.
    expect(groupSplitInputs([SPLITS[1] as string, other, SPLITS[0] as string], limits, sink)).toEqual([[SPLITS[0], SPLITS[1]], other]);
    // A split of a package no base was given for, beside two unrelated APKs: alone, so E_SPLITS_NO_BASE.
    const risky = join(REPO, 'fixtures/apk/manifest-risky.apk');
    expect(groupSplitInputs([other, risky, SPLITS[1] as string], limits, sink)).toEqual([other, risky, SPLITS[1]]);
    expect(groupSplitInputs([other, risky], limits, sink)).toEqual([other, risky]);
  });

  it('the command line gives one report for base and splits, and exit 3 naming E_SPLITS_MISMATCH', () => {
    const ok = exec([...SPLITS, '-f', 'json', '--fail-on', 'never']);
    expect(ok.status, ok.stderr).toBe(0);
    const parsed = JSON.parse(ok.stdout) as AuditReport;
    expect(Array.isArray(parsed)).toBe(false);
    expect(parsed.target.format).toBe('split-apks');
    const bad = exec([f('shop-bundle-base.apk'), f('shop-bundle-split_scan-v8.apk'), '--lang', 'en']);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/^pledge-audit: E_SPLITS_MISMATCH .*versionCode 8/m);
  });
});
