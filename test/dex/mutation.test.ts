import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDexContainer } from '../../src/dex/dex-file.js';
import { ClassHierarchy } from '../../src/dex/hierarchy.js';
import { distinctStrings, listClassDescriptors, listMethodRefs } from '../../src/dex/listing.js';
import { hasNoBranch, invokeArguments, isReturnVoidOnly, returnsConstantTrue } from '../../src/dex/method-analysis.js';
import { scanDex } from '../../src/dex/scan.js';
import { PledgeError } from '../../src/util/errors.js';
import { corpusPath, hasCorpus } from '../helpers/corpus.js';
import { prng } from '../helpers/prng.js';
import { fixture } from './helpers.js';

interface Tally {
  values: number;
  pledgeErrors: number;
}

/** Runs `fn`; a PledgeError is an accepted outcome, anything else fails the test with the input's story. */
function attempt(t: Tally, what: string, fn: () => void): void {
  try {
    fn();
    t.values++;
  } catch (e) {
    if (e instanceof PledgeError) {
      t.pledgeErrors++;
      return;
    }
    throw new Error(`${what}: ${e instanceof Error ? e.stack : String(e)}`);
  }
}

/** Everything a caller may do with a DEX: each step returns a value or throws PledgeError. */
function exercise(buf: Uint8Array, t: Tally, what: string): void {
  attempt(t, what, () => {
    const dexes = parseDexContainer(buf, { entry: 'classes.dex' });
    for (const dex of dexes) {
      attempt(t, `${what} scan`, () => {
        const r = scanDex(dex);
        for (let i = 0; i < Math.min(r.methods.count, 4); i++) {
          const codeOff = r.methods.codeOff[i]!;
          attempt(t, `${what} invokeArguments`, () => invokeArguments(dex, codeOff));
          attempt(t, `${what} predicates`, () => [isReturnVoidOnly(dex, codeOff), returnsConstantTrue(dex, codeOff), hasNoBranch(dex, codeOff)]);
        }
      });
      attempt(t, `${what} classes`, () => listClassDescriptors([dex]));
      attempt(t, `${what} methodRefs`, () => listMethodRefs([dex]));
      attempt(t, `${what} strings`, () => distinctStrings([dex]));
      attempt(t, `${what} hierarchy`, () => {
        const h = new ClassHierarchy([dex]);
        for (const c of [...h.all()].slice(0, 4)) {
          h.isSubclassOf(c.descriptor, 'Ljava/lang/Object;');
          attempt(t, `${what} methodsOf`, () => h.methodsOf(c.descriptor));
        }
      });
    }
  });
}

const BOUNDARY = [0, 1, 2, 0x70, 0x78, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff];

function mutate(base: Uint8Array, rnd: () => number): { buf: Uint8Array; how: string } {
  const pick = (n: number): number => Math.floor(rnd() * n);
  const kind = pick(4);
  if (kind === 0) {
    const len = pick(base.length);
    return { buf: base.slice(0, len), how: `truncate to ${len}` };
  }
  const buf = base.slice();
  if (kind === 1) {
    const flips: number[] = [];
    for (let i = 1 + pick(8); i > 0; i--) {
      const at = pick(buf.length);
      buf[at] = (buf[at] as number) ^ (1 + pick(255));
      flips.push(at);
    }
    return { buf, how: `flip bytes at ${flips.join(',')}` };
  }
  // a 32-bit field: in the header (kind 2) or anywhere (kind 3), set to a boundary or random value
  const at = kind === 2 ? 8 + 4 * pick(0x1a) : 4 * pick(buf.length >> 2);
  const v = rnd() < 0.6 ? (BOUNDARY[pick(BOUNDARY.length)] as number) : Math.floor(rnd() * (rnd() < 0.5 ? buf.length * 2 : 2 ** 32));
  new DataView(buf.buffer).setUint32(at, v >>> 0, true);
  return { buf, how: `u32 at 0x${at.toString(16)} = 0x${(v >>> 0).toString(16)}` };
}

function run(base: Uint8Array, seed: number, iterations: number): Tally {
  const rnd = prng(seed);
  const t: Tally = { values: 0, pledgeErrors: 0 };
  for (let i = 0; i < iterations; i++) {
    const { buf, how } = mutate(base, rnd);
    exercise(buf, t, `seed ${seed} #${i} (${how})`);
  }
  return t;
}

describe('seeded mutations: a value or a PledgeError, nothing else, and termination', () => {
  it('the smali fixture', () => {
    const t = run(fixture('scan.dex'), 1, 400);
    expect(t.values).toBeGreaterThan(100);
    expect(t.pledgeErrors).toBeGreaterThan(10);
  });

  it.runIf(hasCorpus())('corpus DEX files', () => {
    const files = ['dex/androguard__Test.dex', 'dex/bundletool__classes.dex', 'dex/apktool__accessorTest.dex'];
    files.forEach((f, i) => {
      const t = run(new Uint8Array(readFileSync(corpusPath(f))), 100 + i, 250);
      expect(t.values, f).toBeGreaterThan(50);
    });
  });

  it('random bytes behind a valid magic (fast-check, fixed seed)', () => {
    const head = fixture('scan.dex').subarray(0, 0x70);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.nat({ max: 0x70 }), (tail, keep) => {
        const buf = new Uint8Array(keep + tail.length);
        buf.set(head.subarray(0, keep));
        buf.set(tail, keep);
        buf.set([0x64, 0x65, 0x78, 0x0a, 0x30, 0x33, 0x35, 0x00].slice(0, Math.min(8, buf.length)));
        exercise(buf, { values: 0, pledgeErrors: 0 }, 'fast-check');
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});
