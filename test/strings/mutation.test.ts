import { FileSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFacts } from '../../src/facts/load.js';
import { buildStringIndex } from '../../src/facts/strings/index.js';
import { decodeText, readableText } from '../../src/facts/strings/text-assets.js';
import { isPledgeError } from '../../src/util/errors.js';
import { fixtureApk } from '../helpers/fixtures.js';
import { mutate, prng } from '../helpers/prng.js';
import { ApkVariants } from './apk-variants.js';

/** Seeds are fixed so that a failure reproduces; FUZZ_SEED and FUZZ_RUNS widen a local run. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

const variants = new ApkVariants();
afterAll(() => variants.dispose());

function entryOf(name: string): Buffer {
  const zip = openZip(new FileSource(fixtureApk('strings-basic')));
  try {
    return Buffer.from(zip.read(name));
  } finally {
    zip.source.close();
  }
}

/** The index of an APK, or the PledgeError that stopped it: nothing else may come out. */
async function indexOrPledgeError(path: string): Promise<'index' | 'error'> {
  let facts;
  try {
    facts = await loadFacts(path, { needs: new Set(['dex']) });
  } catch (e) {
    if (isPledgeError(e)) return 'error';
    throw e;
  }
  try {
    const idx = buildStringIndex(facts);
    expect(idx.hits('POLICY').length).toBeLessThanOrEqual(200);
    return 'index';
  } catch (e) {
    if (isPledgeError(e)) return 'error';
    throw e;
  } finally {
    facts.close();
  }
}

describe('mutated entries of strings-basic: an index or a PledgeError, nothing else', () => {
  const targets = ['res/layout/activity_consent.xml', 'res/menu/main.xml', 'resources.arsc', 'classes.dex', 'lib/arm64-v8a/libapp.so', 'assets/privacy.html', 'assets/notice_utf16.txt'];
  targets.forEach((name, t) => {
    it(name, async () => {
      const original = entryOf(name);
      const rnd = prng(SEED + t);
      let indexed = 0;
      for (let i = 0; i < RUNS; i++) {
        const { bytes, what } = mutate(original, rnd);
        const path = variants.make('strings-basic', { [name]: bytes });
        const r = await indexOrPledgeError(path).catch((e: unknown) => {
          throw new Error(`${name} ${what}: ${String(e)}\n${(e as Error).stack ?? ''}`);
        });
        if (r === 'index') indexed++;
      }
      // Damage to one entry never stops the whole index (the manifest is intact).
      expect(indexed).toBe(RUNS);
    });
  });
});

describe('random bytes as text assets', () => {
  it('decode and strip without throwing (seeded)', () => {
    const rnd = prng(SEED);
    for (let i = 0; i < 200; i++) {
      const b = Buffer.alloc(Math.floor(rnd() * 4096));
      for (let k = 0; k < b.length; k++) b[k] = rnd() < 0.3 ? 0x3c : Math.floor(rnd() * 256);
      const text = decodeText(b);
      if (text !== undefined) for (const kind of ['markup', 'vue', 'prose', 'code'] as const) expect(typeof readableText(text, kind)).toBe('string');
    }
  });
});
