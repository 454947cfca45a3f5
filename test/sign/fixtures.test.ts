import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPledgeError } from '../../src/util/errors.js';
import { FIXTURE_APKS, fixtureApk } from '../helpers/fixtures.js';
import { apksignerVersion, parseApksignerOutput, readOurs, type ApksignerFacts } from './apksigner.js';

const fixtures = readdirSync(FIXTURE_APKS)
  .filter((f) => f.endsWith('.apk'))
  .map((f) => f.slice(0, -4))
  .sort();

/** apksigner's answers for the fixtures, frozen so that the default run starts no JVM. */
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'data', 'apksigner-fixtures-golden.json');
const wantLive = process.env.PLEDGE_APKSIGNER === '1' || process.env.UPDATE_GOLDEN === '1';
const version = wantLive ? apksignerVersion() : null;

/**
 * apksigner told to verify for API 23, the newest level that still reads v1 signatures: for
 * minSdk ≥ 24 it skips v1 otherwise, and below API 18 it rejects the SHA-256 digests apksigner
 * itself wrote for these fixtures.
 */
function apksignerAllSchemes(apk: string): ApksignerFacts {
  try {
    return parseApksignerOutput(execFileSync('apksigner', ['verify', '--print-certs', '-v', '--min-sdk-version', '23', apk], { encoding: 'utf8', timeout: 60_000 }), true);
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return parseApksignerOutput(`${err.stdout ?? ''}\n${err.stderr ?? ''}`, false);
  }
}

function check(name: string, theirs: ApksignerFacts): void {
  const ours = readOurs(fixtureApk(name));
  if (isPledgeError(ours)) throw ours;
  expect(theirs.verified, `${name}: apksigner verifies it`).toBe(true);
  expect(ours.info.schemes).toEqual(theirs.schemes);
  const highest = theirs.schemes[theirs.schemes.length - 1];
  expect(ours.info.signers.filter((s) => s.scheme === highest).map((s) => s.certificate.sha256)).toEqual(theirs.signers);
}

const live = new Map<string, ApksignerFacts>();

/**
 * Our signing facts on the fixture APKs agree with apksigner's: the schemes it verifies and the
 * signer certificates' SHA-256 (fixtures are signed by apksigner itself, so they all verify).
 * Live with PLEDGE_APKSIGNER=1; rewrite the golden with UPDATE_GOLDEN=1.
 */
describe.skipIf(version === null)('signing facts of the fixtures agree with live apksigner (opt-in: PLEDGE_APKSIGNER=1)', () => {
  for (const name of fixtures) {
    it(name, () => {
      const theirs = apksignerAllSchemes(fixtureApk(name));
      live.set(name, theirs);
      check(name, theirs);
    });
  }

  it.runIf(process.env.UPDATE_GOLDEN === '1')('writes test/sign/data/apksigner-fixtures-golden.json', () => {
    const files: Record<string, ApksignerFacts> = {};
    for (const name of fixtures) files[name] = live.get(name) ?? apksignerAllSchemes(fixtureApk(name));
    writeFileSync(GOLDEN, `${JSON.stringify({ apksigner: version, regenerate: 'UPDATE_GOLDEN=1 npx vitest run test/sign/fixtures.test.ts', files }, null, 2)}\n`);
  });
});

describe.skipIf(process.env.UPDATE_GOLDEN === '1')('signing facts of the fixtures agree with the frozen apksigner golden', () => {
  const golden = existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as { files: Record<string, ApksignerFacts> }) : { files: {} };

  it('covers every fixture APK (else regenerate with UPDATE_GOLDEN=1)', () => {
    expect(Object.keys(golden.files).sort()).toEqual(fixtures);
  });

  for (const name of fixtures.filter((n) => golden.files[n] !== undefined)) {
    it(name, () => check(name, golden.files[name] as ApksignerFacts));
  }
});
