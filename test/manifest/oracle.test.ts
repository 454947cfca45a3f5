import { describe, expect, it } from 'vitest';
import { loadFacts } from '../../src/facts/load.js';
import { isPledgeError } from '../../src/util/errors.js';
import { corpusPath, hasCorpus, oracleRows, type OracleRow } from '../helpers/corpus.js';

/**
 * Files where androguard 3.4 (which made the oracle) reads the manifest differently from
 * Android's package parser, and pledge-audit follows Android. Each entry says why.
 */
const ANDROGUARD_DIFFERS: Record<string, { field: keyof OracleRow; reason: string }[]> = {
  'apk/insecurebankv2__app-release.apk': [
    {
      field: 'permissions',
      reason:
        'three <uses-permission> elements carry the android namespace on the element (<android:uses-permission>): ' +
        "Android's parser compares local names and grants READ_PHONE_STATE, READ_EXTERNAL_STORAGE and READ_CALL_LOG; " +
        "androguard's namespace-aware lookup misses them",
    },
  ],
  'apk/apktool__issue1234.apk': [
    { field: 'versionName', reason: 'versionName is a resource reference; androguard prints it unresolved in its own @7F040001 form' },
  ],
  'apk/sharesdk__Sample.apk': [
    { field: 'versionName', reason: 'versionName is a resource reference; androguard prints it unresolved in its own @7F… form' },
    { field: 'versionCode', reason: 'versionCode is a reference to an integer resource, which Android resolves; androguard prints the raw reference' },
  ],
  'apk/sharesdk__Share_SDK_Sample_2.0.1.apk': [
    { field: 'versionName', reason: 'versionName is a resource reference; androguard prints it unresolved in its own @7F… form' },
    { field: 'versionCode', reason: 'versionCode is a reference to an integer resource, which Android resolves; androguard prints the raw reference' },
  ],
};

const rows = hasCorpus() ? oracleRows().filter((r) => r.error === undefined && r.package !== undefined) : [];

function sortedUnique(xs: Iterable<string>): string[] {
  return [...new Set(xs)].sort();
}

describe.skipIf(!hasCorpus())('manifest facts agree with the androguard oracle', () => {
  it('has oracle rows to compare', () => {
    expect(rows.length).toBeGreaterThan(100);
  });

  for (const row of rows) {
    it(row.file, async () => {
      let facts;
      try {
        facts = await loadFacts(corpusPath(row.file), { needs: new Set() });
      } catch (e) {
        if (isPledgeError(e)) throw new Error(`${e.code}: ${e.message}`);
        throw e;
      }
      const m = facts.manifest;
      const differs = new Set((ANDROGUARD_DIFFERS[row.file] ?? []).map((d) => d.field));
      const ours: Partial<Record<keyof OracleRow, unknown>> = {
        package: m.package,
        versionCode: m.versionCode,
        versionName: m.versionName,
        minSdk: m.minSdk === null ? null : String(m.minSdk),
        targetSdk: m.targetSdk === null ? null : String(m.targetSdk),
        permissions: sortedUnique(m.usesPermissions.filter((p) => !p.sdk23).map((p) => p.name)),
        activities: sortedUnique(m.components.filter((c) => c.kind === 'activity').map((c) => c.name)),
        services: sortedUnique(m.components.filter((c) => c.kind === 'service').map((c) => c.name)),
        receivers: sortedUnique(m.components.filter((c) => c.kind === 'receiver').map((c) => c.name)),
        providers: sortedUnique(m.components.filter((c) => c.kind === 'provider').map((c) => c.name)),
        // androguard reports "" when the application has no label.
        appName: m.application?.label?.text ?? '',
      };
      if (row.appName === null || row.appName === undefined) delete ours.appName;
      for (const [field, value] of Object.entries(ours) as [keyof OracleRow, unknown][]) {
        if (differs.has(field)) {
          expect(value, `${field} is a documented androguard difference`).not.toEqual(row[field]);
        } else {
          expect(value, field).toEqual(row[field]);
        }
      }
      facts.close();
    });
  }
});
