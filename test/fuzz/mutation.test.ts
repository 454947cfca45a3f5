import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAxml } from '../../src/axml/decode.js';
import { audit } from '../../src/index.js';
import { buildManifest } from '../../src/manifest/build.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { isPledgeError } from '../../src/util/errors.js';
import { corpusFiles, corpusPath, hasCorpus, manifestBytes } from '../helpers/corpus.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { mutate, prng } from '../helpers/prng.js';

/** Seeds are fixed so that a failure reproduces; FUZZ_SEED and FUZZ_RUNS widen a local run. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const work = mkdtempSync(join(tmpdir(), 'pledge-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const manifestSeeds = hasCorpus()
  ? [...corpusFiles('axml'), corpusPath('apk/insecurebankv2__app-release.apk'), corpusPath('apk/mobpush__MobPush__30f7b6d.apk'), corpusPath('apk/weibosdk__WeiboSDKDemo.apk')]
  : [];

describe.skipIf(!hasCorpus())('mutated binary manifests: a manifest or a PledgeError, nothing else', () => {
  for (const file of manifestSeeds) {
    it(basename(file), () => {
      const original = manifestBytes(file);
      const rnd = prng(SEED ^ original.length);
      for (let i = 0; i < RUNS; i++) {
        const { bytes, what } = mutate(original, rnd);
        try {
          const doc = decodeAxml(bytes, { diagnostics: new DiagnosticSink() });
          if (doc.root.name === 'manifest') buildManifest(doc);
        } catch (e) {
          expect(isPledgeError(e), `${what}: ${String(e)}`).toBe(true);
        }
      }
    });
  }
});

const apkSeeds = [
  fixtureApk('manifest-risky'),
  fixtureApk('clean'),
  ...(hasCorpus() ? [corpusPath('apk/fdroid__urzip-release.apk'), corpusPath('apk/fdroid__janus.apk'), corpusPath('signing/androguard__golden-aligned-v1v2v3-out.apk')] : []),
];

describe('mutated APKs: a report or a typed error record, never an internal error', () => {
  for (const file of apkSeeds) {
    it(basename(file), async () => {
      const original = readFileSync(file);
      const rnd = prng(SEED ^ original.length);
      for (let i = 0; i < Math.ceil(RUNS / 2); i++) {
        const { bytes, what } = mutate(original, rnd);
        const path = join(work, `m${i}.apk`);
        writeFileSync(path, bytes);
        const record = await audit(path);
        if (record.status === 'error') {
          expect(record.error.code, `${what}: ${record.error.message}`).not.toBe('E_INTERNAL');
        } else {
          for (const c of record.clauses) expect(c.errors, `${what}: clause ${c.clause}`).toBeUndefined();
        }
      }
    });
  }
});
