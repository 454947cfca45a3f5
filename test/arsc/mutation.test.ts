import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openZip } from '../../src/apk/zip.js';
import { FileSource } from '../../src/apk/source.js';
import { parseArsc, type ResourceTable } from '../../src/arsc/index.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { PledgeError } from '../../src/util/errors.js';
import { corpusPath, hasCorpus } from '../helpers/corpus.js';
import { prng } from '../helpers/prng.js';
import { buildArsc } from './arsc-builder.js';

const INTERESTING = [0, 1, 0xff, 0xffff, 0xfffe, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffc, 8, 0x54, 0x120];

function mutate(src: Uint8Array, rnd: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(rnd() * n);
  const kind = int(4);
  // new Uint8Array(view) copies; Buffer#slice would not
  if (kind === 0) return new Uint8Array(src.subarray(0, int(src.length))); // truncate
  const b = new Uint8Array(src);
  const v = new DataView(b.buffer);
  const edits = 1 + int(4);
  for (let i = 0; i < edits; i++) {
    if (kind === 1) {
      const at = int(b.length); // flip a bit
      b[at] = (b[at] ?? 0) ^ (1 << int(8));
    } else if (kind === 2) {
      const at = int(b.length >>> 2) << 2; // an interesting 32-bit value on a field boundary
      if (at + 4 <= b.length) v.setUint32(at, INTERESTING[int(INTERESTING.length)]!, true);
    } else {
      const at = int(b.length >>> 1) << 1; // a 16-bit size or type field
      if (at + 2 <= b.length) v.setUint16(at, INTERESTING[int(INTERESTING.length)]! & 0xffff, true);
    }
  }
  return b;
}

/** Every lookup the later stages make, over the IDs of the original table and a few odd ones. */
function exercise(t: ResourceTable, ids: readonly number[]): void {
  const probe = [...ids, 0, 0xffffffff, 0x7fff0000, 0x01010001, 0x00010000];
  for (const id of probe) {
    t.nameOf(id);
    t.entries(id);
    t.resolve(id);
    t.resolve(id, { locale: 'zh-CN' });
    t.resolveString(id, { locale: 'en' });
    t.resolveBoolean(id);
    t.resolveInteger(id);
    t.resolveFileName(id);
  }
  for (const s of t.allStrings()) expect(typeof s.value).toBe('string');
  for (const id of t.resourceIds()) t.resolve(id);
  t.locales();
  void t.packages;
}

function run(name: string, src: Uint8Array, seed: number, runs: number): { tables: number; errors: number } {
  const original = parseArsc(src);
  const ids = [...original.resourceIds()].slice(0, 150);
  const rnd = prng(seed);
  let tables = 0;
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    const m = mutate(src, rnd);
    let t: ResourceTable;
    try {
      t = parseArsc(m, { entry: 'resources.arsc', diagnostics: new DiagnosticSink() });
    } catch (e) {
      if (!(e instanceof PledgeError)) throw new Error(`${name} run ${i} (seed ${seed}): parse threw ${String(e)}`, { cause: e });
      errors++;
      continue;
    }
    tables++;
    try {
      exercise(t, ids);
    } catch (e) {
      throw new Error(`${name} run ${i} (seed ${seed}): a lookup threw ${String(e)}`, { cause: e });
    }
  }
  return { tables, errors };
}

function arsc(rel: string): Uint8Array {
  return new Uint8Array(openZip(new FileSource(corpusPath(rel))).read('resources.arsc'));
}

describe.skipIf(!hasCorpus())('seeded mutations of real tables', () => {
  it.each([
    ['apk/fdroid__urzip-release.apk', 0x5eed01, 300],
    ['apk/apktool__library.apk', 0x5eed02, 300], // package 0x00, 16-bit offsets, compact entries, library chunk
    ['apk/apktool__sparse.apk', 0x5eed03, 40], // sparse type chunks
    ['axml/androguard__compact-entry.apk', 0x5eed04, 200],
  ] as const)('%s: a table or a PledgeError; lookups never throw', (rel, seed, runs) => {
    const { tables, errors } = run(rel, arsc(rel), seed, runs);
    // both outcomes occur, so the mutations reach past the first header
    expect(tables).toBeGreaterThan(runs / 10);
    expect(errors).toBeGreaterThan(0);
  });
});

describe('random bytes (fast-check, fixed seed)', () => {
  const { bytes: base } = buildArsc({
    packages: [
      {
        id: 0x7f,
        name: 'com.example',
        types: ['string', 'array'],
        chunks: [
          { id: 1, entries: [{ index: 0, key: 'a', value: { string: 'A' } }, { index: 2, key: 'b', compact: true, value: { type: 0x10, data: 7 } }], layout: 'offset16' },
          { id: 1, config: { language: 'zh' }, layout: 'sparse', entries: [{ index: 0, key: 'a', value: { string: '甲' } }] },
          { id: 2, entries: [{ index: 0, key: 'l', bag: { items: [{ name: 0x02000000, value: { string: 'x' } }] } }] },
        ],
        libraries: [{ id: 2, name: 'lib' }],
      },
    ],
  });

  const outcome = (bytes: Uint8Array): boolean => {
    let t: ResourceTable;
    try {
      t = parseArsc(bytes);
    } catch (e) {
      return e instanceof PledgeError;
    }
    exercise(t, [0x7f010000, 0x7f010002, 0x7f020000]);
    return true;
  };

  it('arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), outcome), { seed: 20240601, numRuns: 300 });
  });

  it('a valid table with a window overwritten', () => {
    const window = fc.record({ at: fc.nat({ max: base.length - 1 }), bytes: fc.uint8Array({ minLength: 1, maxLength: 48 }) });
    fc.assert(
      fc.property(window, ({ at, bytes }) => {
        const m = base.slice();
        m.set(bytes.subarray(0, m.length - at), at);
        return outcome(m);
      }),
      { seed: 20240602, numRuns: 500 },
    );
  });
});
