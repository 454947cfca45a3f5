import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPledgeError } from '../../src/util/errors.js';
import { FIXTURE_APKS, fixtureApk } from '../helpers/fixtures.js';
import { execFileSync } from 'node:child_process';
import { apksignerVersion, parseApksignerOutput, readOurs } from './apksigner.js';

const fixtures = readdirSync(FIXTURE_APKS)
  .filter((f) => f.endsWith('.apk'))
  .map((f) => f.slice(0, -4))
  .sort();

/**
 * apksigner told to verify for API 23, the newest level that still reads v1 signatures: for
 * minSdk ≥ 24 it skips v1 otherwise, and below API 18 it rejects the SHA-256 digests apksigner
 * itself wrote for these fixtures.
 */
function apksignerAllSchemes(apk: string): ReturnType<typeof parseApksignerOutput> {
  try {
    return parseApksignerOutput(execFileSync('apksigner', ['verify', '--print-certs', '-v', '--min-sdk-version', '23', apk], { encoding: 'utf8', timeout: 60_000 }), true);
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return parseApksignerOutput(`${err.stdout ?? ''}\n${err.stderr ?? ''}`, false);
  }
}

/**
 * Our signing facts on the fixture APKs agree with apksigner's: the schemes it verifies and the
 * signer certificates' SHA-256 (fixtures are signed by apksigner itself, so they all verify).
 */
describe.skipIf(apksignerVersion() === null)('signing facts of the fixtures agree with apksigner', () => {
  for (const name of fixtures) {
    it(name, () => {
      const theirs = apksignerAllSchemes(fixtureApk(name));
      const ours = readOurs(fixtureApk(name));
      if (isPledgeError(ours)) throw ours;
      expect(theirs.verified).toBe(true);
      expect(ours.info.schemes).toEqual(theirs.schemes);
      const highest = theirs.schemes[theirs.schemes.length - 1];
      expect(ours.info.signers.filter((s) => s.scheme === highest).map((s) => s.certificate.sha256)).toEqual(theirs.signers);
    });
  }
});
