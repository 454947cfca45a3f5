import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PledgeError, type ErrorCode } from '../../src/util/errors.js';
import { corpusFiles, hasCorpus, CORPUS } from '../helpers/corpus.js';
import { GOLDEN_PATH, apksignerVersion, compare, readGolden, readOurs, runApksigner, summarize, writeGolden, type ApksignerFacts, type Golden } from './apksigner.js';

/**
 * Our signing facts against apksigner's on every corpus APK (signing/ and apk/).
 *
 * - APKs apksigner verifies: our scheme set equals its verified set, and our signers of the
 *   highest scheme it verified equal its "Signer #N certificate SHA-256 digest" set — except the
 *   files in EXPECTED_DIFFERENCES, each with the exact difference and the reason it is right.
 * - APKs it does not verify: we still return, and UNVERIFIED says per file what we report.
 * - APKs our zip reader rejects: the rejection is a PledgeError.
 *
 * By default our facts are compared with apksigner's answers frozen in
 * test/sign/data/apksigner-golden.json (no JVM is started). The live comparison, one apksigner
 * run per corpus APK, is opt-in: `PLEDGE_APKSIGNER=1` (CI sets it in .ci/run) with apksigner on
 * PATH. Regenerate the golden with `UPDATE_GOLDEN=1 npx vitest run test/sign/apksigner.test.ts`.
 */

const V1_SKIPPED = 'apksigner checks JAR signatures only for platforms below API 24; with minSdk >= 24 and a v2+ signature it skips v1, which is present (same certificate)';
const CODENAME =
  'minSdkVersion is the pre-release codename "VanillaIceCream", which apksig takes as the newest platform: it checks v3 only; the v1 and v2 signatures (same certificate) are present';

/** Verified APKs where our facts differ from apksigner's: `mismatches` is exactly what compare() yields. */
const EXPECTED_DIFFERENCES: Record<string, { mismatches: string[]; reason: string }> = {
  'apk/apktool__client.apk': { mismatches: ['schemes: ours v1,v2,v3, apksigner v3'], reason: CODENAME },
  'apk/apktool__library.apk': { mismatches: ['schemes: ours v1,v2,v3, apksigner v3'], reason: CODENAME },
  'apk/apktool__issue1680.apk': { mismatches: ['schemes: ours v1,v2, apksigner v2'], reason: `${V1_SKIPPED} (minSdk 27)` },
  'apk/fdroid__issue-1128-min-sdk-30-poc.apk': {
    mismatches: ['schemes: ours v1,v2,v3, apksigner v3'],
    reason:
      'minSdk 30: apksigner checks v3 only. The v1 signature has no META-INF/MANIFEST.MF (we report v1 malformed) and the block holds two v2 and two v3 pairs; like Android we read the first of each, whose v3 signer is the one apksigner reports',
  },
  'signing/androguard__v31-ec-p256-2-tgt-33-1-tgt-28-targetSdk-30.apk': {
    mismatches: ['schemes: ours v1,v2,v3,v3.1, apksigner v2'],
    reason:
      'apksigner 0.9 predates v3.1: it does not know block 0x1b93ad61, warns that the v3 signer attribute 0x559f8b02 (rotation-min-sdk) is unknown, and does not count v3 (whose signer stops at SDK 32, leaving 33+ to v3.1). At the default minSdk 29 it rejects the APK ("Target SDK version 30 requires … v2"); the golden is its --min-sdk-version 24 answer, where it checks v2 only',
  },
};

const UNSIGNED = 'unsigned: no META-INF signature and no APK Signing Block';
const NOT_AN_APP = 'apksigner refuses it before looking at signatures ("Missing AndroidManifest.xml")';
const V2_ONLY_MIN_SDK_1 = 'v2/v3-only with minSdk < 24, so apksigner also wants v1 ("Missing META-INF/MANIFEST.MF")';

/** APKs apksigner rejects: our summary (see summarize) and why apksigner rejects them. */
const UNVERIFIED: Record<string, { ours: string; why: string }> = {
  'signing/androguard__empty-unsigned.apk': { ours: 'schemes=- signers=-', why: `${NOT_AN_APP}: a 22-byte zip holding only an end record` },
  'signing/androguard__golden-aligned-in.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'signing/androguard__two-signers-second-signer-v2-broken.apk': {
    ours: 'schemes=v1,v2 signers=v1:fb5dbd3c669a,v1:6a8b96e278e5,v2:fb5dbd3c669a,v2:6a8b96e278e5',
    why: 'the second v2 signer\'s signature over its signed data does not verify; its structure is intact, so we report both signers (we do not verify signatures)',
  },
  'signing/androguard__v1-only-with-signed-attrs-wrong-digest.apk': {
    ours: 'schemes=v1 signers=v1:fb5dbd3c669a',
    why: 'the PKCS#7 signed attributes carry a wrong digest of the .SF; the signer is still identifiable',
  },
  'signing/androguard__v1-sha1-sha256-manifest-and-sf-with-sha256-wrong-in-sf.apk': {
    ours: 'schemes=v1 signers=v1:fb5dbd3c669a',
    why: 'the .SF holds wrong SHA-256 digests of MANIFEST.MF sections; digests are out of scope',
  },
  'signing/androguard__v2-only-apk-sig-block-size-mismatch.apk': {
    ours: 'schemes=v2 malformed=v2 signers=v2:69b50381d98b sig-diagnostics=1',
    why: `${V2_ONLY_MIN_SDK_1}; even at --min-sdk-version 24 it fails, because the block's header (961) and footer (960) sizes disagree and Android then finds no block. We read the pairs where the footer puts them and report v2 present but malformed`,
  },
  'signing/androguard__v2-only-empty.apk': {
    ours: 'schemes=v2 signers=v2:fb5dbd3c669a',
    why: `${NOT_AN_APP}; a v2-signed zip with no entries, whose signing block we read`,
  },
  'signing/androguard__v2-only-garbage-between-cd-and-eocd.apk': {
    ours: 'schemes=v2 malformed=v2 signers=v2:fb5dbd3c669a sig-diagnostics=1',
    why: `${V2_ONLY_MIN_SDK_1}; at --min-sdk-version 24 it still finds no v2 block, because 7 bytes sit between the central directory and the end record and Android then does not look for the block. We report v2 present but malformed, with a diagnostic`,
  },
  'signing/androguard__v2-only-with-rsa-pkcs1-sha256-2048-sig-does-not-verify.apk': {
    ours: 'schemes=v2 signers=v2:fb5dbd3c669a',
    why: 'the v2 signature over the signed data does not verify; the structure is intact (we do not verify signatures)',
  },
  'signing/androguard__v2-only-with-rsa-pss-sha256-2048.apk': {
    ours: 'schemes=v2 signers=v2:fb5dbd3c669a',
    why: 'apksigner crashes: this JRE has no SHA256withRSA/PSS ("NoSuchAlgorithmException"); the APK is fine',
  },
  'signing/androguard__v2-only-wrong-apk-sig-block-magic.apk': {
    ours: 'schemes=- signers=-',
    why: `${V2_ONLY_MIN_SDK_1}; the block's magic is wrong, so there is no block, for Android and for us`,
  },
  'signing/androguard__v2-stripped.apk': {
    ours: 'schemes=v1 signers=v1:fb5dbd3c669a sig-diagnostics=1',
    why: 'CERT.SF says X-Android-APK-Signed: 2 but the v2 block was removed (a downgrade); our diagnostic says "signature stripped?" too',
  },
  'signing/androguard__v2v3-signed-v3-block-stripped.apk': {
    ours: 'schemes=v2 signers=v2:f3c6b37909f6 sig-diagnostics=1',
    why: 'the v2 signer\'s stripping-protection attribute (0xbeeff00d) names v3, whose block was removed; our diagnostic says "signature stripped?" too',
  },
  'signing/androguard__v3-only-with-dsa-sha256-3072-digest-mismatch.apk': {
    ours: 'schemes=v3 signers=v3:966a4537058d',
    why: 'the APK content digest does not match; digests are out of scope',
  },
  'signing/androguard__v3-only-with-rsa-pkcs1-sha512-4096-apk-sig-block-size-mismatch.apk': {
    ours: 'schemes=- signers=- sig-diagnostics=2',
    why: `${V2_ONLY_MIN_SDK_1}; the block is 4 bytes longer than both of its size fields say, so the start the footer implies is not a pair boundary: we report the size mismatch and the first unreadable pair, and no scheme`,
  },
  'apk/androguard__CertChain.apk': {
    ours: 'schemes=v1 signers=v1:01e1999710a8 sig-diagnostics=1',
    why: `${NOT_AN_APP}; its CERT.SF claims a v2 signature that is not there (our "stripped?" diagnostic)`,
  },
  'apk/androguard__TestActivity_unsigned.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/androguard__multidex.apk': { ours: 'schemes=- signers=-', why: NOT_AN_APP },
  'apk/android-vulnerabilities__diva-beta.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/apktool__GHSA-2hqv-2xv4-5h5w.apk': {
    ours: 'schemes=v2 signers=v2:7ede98446dfd',
    why: 'entries were changed after signing (path-traversal PoC), so the v2 content digest does not match; digests are out of scope',
  },
  'apk/apktool__com.htc.resources.apk': { ours: 'schemes=- signers=-', why: NOT_AN_APP },
  'apk/apktool__deflated_unknowns.apk': {
    ours: 'schemes=v1 signers=v1:eef78de1f8c1',
    why: 'entries were added after JAR signing, so MANIFEST.MF lacks their digests; the signature itself is present',
  },
  'apk/apktool__framework.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/apktool__issue1589.apk': {
    ours: 'schemes=v1 malformed=v1 signers=v1:eef78de1f8c1 sig-diagnostics=1',
    why: 'CERT.SF and CERT.RSA without META-INF/MANIFEST.MF: we report the signer, v1 malformed and a diagnostic',
  },
  'apk/apktool__issue1730.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/apktool__issue767.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/apktool__issue767__issue767.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/apktool__not_sparse.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/apktool__sparse.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/apktool__unknown_compression.apk': {
    ours: 'schemes=v1 signers=v1:eef78de1f8c1',
    why: 'entries were added after JAR signing, so MANIFEST.MF lacks their digests; the signature itself is present',
  },
  'apk/fdroid__minimal_targetsdk_30_unsigned.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/fdroid__no_targetsdk_minsdk1_unsigned.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/fdroid__no_targetsdk_minsdk30_unsigned.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/fdroid__urzip-badcert.apk': {
    ours: 'schemes=v1 signers=v1:7eabd8c15de8',
    why: 'CERT.RSA carries a certificate other than the one that signed CERT.SF; we report the certificate present (the one its SignerInfo names)',
  },
  'apk/fdroid__urzip-release-unsigned.apk': { ours: 'schemes=- signers=-', why: UNSIGNED },
  'apk/weibosdk__composer.apk': { ours: 'schemes=- signers=-', why: NOT_AN_APP },
};

/** APKs our zip reader rejects, with its code (apksigner refuses them too: "not a ZIP archive"). */
const ZIP_REJECTED: Record<string, ErrorCode> = {
  // The end record's central-directory size reaches past the end record itself.
  'signing/androguard__v1v2v3-with-rsa-2048-lineage-3-signers-invalid-zip.apk': 'E_ZIP_BAD_EOCD',
  'signing/androguard__v2-only-truncated-cd.apk': 'E_ZIP_BAD_EOCD',
};

const FILES = hasCorpus() ? [...corpusFiles('signing'), ...corpusFiles('apk')] : [];
const rel = (p: string): string => p.slice(CORPUS.length + 1);
const CASES = FILES.map((p) => ({ name: rel(p), path: p }));

function check(name: string, path: string, facts: ApksignerFacts): void {
  const ours = readOurs(path);
  if (ours instanceof PledgeError) {
    expect(ours.code, `${name}: the zip reader rejects it (${ours.message}); list it in ZIP_REJECTED`).toBe(ZIP_REJECTED[name]);
    expect(facts.verified).toBe(false);
    return;
  }
  expect(ZIP_REJECTED[name], `${name} is listed in ZIP_REJECTED but reads fine`).toBeUndefined();
  if (facts.verified) {
    const expected = EXPECTED_DIFFERENCES[name]?.mismatches ?? [];
    expect(compare(ours.info, facts), `${name} (apksigner${facts.minSdkVersion !== undefined ? ` --min-sdk-version ${facts.minSdkVersion}` : ''})`).toEqual(expected);
    expect(UNVERIFIED[name], `${name} verifies; remove it from UNVERIFIED`).toBeUndefined();
  } else {
    expect(EXPECTED_DIFFERENCES[name], `${name} does not verify; remove it from EXPECTED_DIFFERENCES`).toBeUndefined();
    expect(summarize(ours), `${name}: apksigner says "${facts.error ?? ''}"`).toBe(UNVERIFIED[name]?.ours);
  }
}

/** Live runs only when asked for (PLEDGE_APKSIGNER=1) or when the golden is being rewritten. */
const wantLive = process.env.PLEDGE_APKSIGNER === '1' || process.env.UPDATE_GOLDEN === '1';
const version = wantLive ? apksignerVersion() : null;
const live = new Map<string, ApksignerFacts>();

describe.skipIf(!hasCorpus() || version === null)(`signing facts against live apksigner ${version ?? '(opt-in: PLEDGE_APKSIGNER=1)'}`, () => {
  it.each(CASES)('$name', ({ name, path }) => {
    const facts = runApksigner(path);
    live.set(name, facts);
    check(name, path, facts);
  });

  it.runIf(process.env.UPDATE_GOLDEN === '1')('writes test/sign/data/apksigner-golden.json', () => {
    const files: Record<string, ApksignerFacts> = {};
    for (const { name, path } of CASES) files[name] = live.get(name) ?? runApksigner(path);
    const golden: Golden = {
      apksigner: version ?? '',
      knowsV31: Object.values(files).some((f) => f.schemes.includes('v3.1')),
      regenerate: 'UPDATE_GOLDEN=1 npx vitest run test/sign/apksigner.test.ts',
      files,
    };
    writeGolden(golden);
  });
});

describe.skipIf(!hasCorpus() || process.env.UPDATE_GOLDEN === '1')('signing facts against the frozen apksigner golden', () => {
  const golden: Golden = existsSync(GOLDEN_PATH) ? readGolden() : { apksigner: '', knowsV31: false, regenerate: '', files: {} };

  it('covers every corpus APK (else regenerate with UPDATE_GOLDEN=1)', () => {
    expect(Object.keys(golden.files).sort()).toEqual(CASES.map((c) => c.name).sort());
  });

  it.each(CASES.filter((c) => golden.files[c.name] !== undefined))('$name', ({ name, path }) => {
    check(name, path, golden.files[name] as ApksignerFacts);
  });

  it('keeps its tables free of stale names', () => {
    const names = new Set(CASES.map((c) => c.name));
    for (const k of [...Object.keys(EXPECTED_DIFFERENCES), ...Object.keys(UNVERIFIED), ...Object.keys(ZIP_REJECTED)]) {
      expect(names.has(k), `${k} is not in the corpus`).toBe(true);
    }
  });
});
