import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DER_DEPTH,
  decodeDerTime,
  decodeOid,
  derChildren,
  integerMagnitude,
  readDerNode,
  readDerRoot,
  type DerNode,
} from '../../src/sign/der.js';
import { PledgeError } from '../../src/util/errors.js';
import { oid, seq, tlv } from './builders.js';

function code(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof PledgeError) return e.code;
    throw e;
  }
}

/** Visits every node; constructed nodes are walked, primitives are leaves. */
function walk(buf: Uint8Array, node: DerNode, visit: (n: DerNode) => void): void {
  visit(node);
  if (node.constructed) for (const c of derChildren(buf, node)) walk(buf, c, visit);
}

describe('DER reader', () => {
  it('reads short and long definite lengths', () => {
    const short = seq(tlv(0x04, Buffer.alloc(3)));
    const root = readDerRoot(short);
    expect(root).toMatchObject({ tag: 0x30, constructed: true, start: 0, contentStart: 2, length: 5, end: 7, depth: 0 });
    expect(derChildren(short, root)[0]).toMatchObject({ tag: 0x04, length: 3, depth: 1 });
    const long = tlv(0x04, Buffer.alloc(300));
    expect(readDerRoot(long)).toMatchObject({ contentStart: 4, length: 300 });
  });

  it('accepts a non-minimal long-form length, as jarsigner-era blocks carry them', () => {
    const buf = Buffer.from([0x04, 0x82, 0x00, 0x02, 0xaa, 0xbb]);
    expect(readDerRoot(buf)).toMatchObject({ contentStart: 4, length: 2 });
  });

  it('rejects indefinite lengths, over-long length fields and lengths past the parent', () => {
    expect(code(() => readDerRoot(Buffer.from([0x30, 0x80, 0x00, 0x00])))).toBe('E_SIG_MALFORMED');
    expect(code(() => readDerRoot(Buffer.from([0x04, 0x85, 0, 0, 0, 0, 1, 0xaa])))).toBe('E_SIG_MALFORMED');
    expect(code(() => readDerRoot(Buffer.from([0x04, 0x05, 0xaa])))).toBe('E_SIG_MALFORMED');
    // The child claims 4 bytes; its parent holds 3 after the child's header.
    const lying = Buffer.from([0x30, 0x05, 0x04, 0x04, 0xaa, 0xbb, 0xcc, 0xdd]);
    expect(code(() => derChildren(lying, readDerRoot(lying)))).toBe('E_SIG_MALFORMED');
    expect(code(() => readDerRoot(Buffer.alloc(0)))).toBe('E_SIG_MALFORMED');
    expect(code(() => readDerRoot(Buffer.from([0x30])))).toBe('E_SIG_MALFORMED');
    expect(code(() => readDerRoot(Buffer.from([0x30, 0x82, 0x01])))).toBe('E_SIG_MALFORMED');
  });

  it('refuses to treat a primitive as constructed', () => {
    const prim = tlv(0x04, Buffer.from([0x30, 0x00]));
    expect(code(() => derChildren(prim, readDerRoot(prim)))).toBe('E_SIG_MALFORMED');
  });

  it('reads high tag numbers and bounds them', () => {
    expect(readDerRoot(Buffer.from([0x9f, 0x81, 0x00, 0x01, 0xaa]))).toMatchObject({ tagNumber: 128, length: 1 });
    expect(code(() => readDerRoot(Buffer.from([0x9f, 0x81, 0x81, 0x81, 0x81, 0x01, 0x00])))).toBe('E_SIG_MALFORMED');
  });

  it(`bounds nesting at ${MAX_DER_DEPTH} levels`, () => {
    const deep = (n: number): Buffer => {
      let b = tlv(0x05);
      for (let i = 0; i < n; i++) b = seq(b);
      return b;
    };
    const ok = deep(MAX_DER_DEPTH);
    let deepest = 0;
    walk(ok, readDerRoot(ok), (n) => (deepest = Math.max(deepest, n.depth)));
    expect(deepest).toBe(MAX_DER_DEPTH);
    const tooDeep = deep(MAX_DER_DEPTH + 1);
    expect(code(() => walk(tooDeep, readDerRoot(tooDeep), () => {}))).toBe('E_SIG_MALFORMED');
    expect(code(() => readDerNode(ok, 0, ok.length, MAX_DER_DEPTH + 1))).toBe('E_SIG_MALFORMED');
  });

  it('decodes OIDs, and rejects empty or truncated ones', () => {
    for (const o of ['1.2.840.113549.1.7.2', '2.5.29.14', '1.3.101.112', '2.16.840.1.101.3.4.2.1', '2.999.1']) {
      const enc = oid(o);
      expect(decodeOid(enc.subarray(2))).toBe(o);
    }
    expect(code(() => decodeOid(Buffer.alloc(0)))).toBe('E_SIG_MALFORMED');
    expect(code(() => decodeOid(Buffer.from([0x2a, 0x86])))).toBe('E_SIG_MALFORMED');
    expect(code(() => decodeOid(Buffer.from([0x2a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])))).toBe('E_SIG_MALFORMED');
  });

  it('writes times as ISO 8601 without a Date round-trip', () => {
    const utc = (s: string): Buffer => tlv(0x17, Buffer.from(s, 'latin1'));
    const gen = (s: string): Buffer => tlv(0x18, Buffer.from(s, 'latin1'));
    const t = (b: Buffer): string => decodeDerTime(b, readDerRoot(b));
    expect(t(utc('491231235959Z'))).toBe('2049-12-31T23:59:59Z');
    expect(t(utc('500101000000Z'))).toBe('1950-01-01T00:00:00Z');
    expect(t(utc('1603311614Z'))).toBe('2016-03-31T16:14:00Z');
    expect(t(gen('99991231235959Z'))).toBe('9999-12-31T23:59:59Z');
    expect(t(gen('20500101000000.5+0130'))).toBe('2050-01-01T00:00:00+01:30');
    expect(code(() => t(utc('garbage')))).toBe('E_SIG_MALFORMED');
    expect(code(() => t(tlv(0x04, Buffer.from('491231235959Z'))))).toBe('E_SIG_MALFORMED');
  });

  it('strips redundant leading zeros from INTEGER content', () => {
    expect([...integerMagnitude(Buffer.from([0, 0, 0x80]))]).toEqual([0x80]);
    expect([...integerMagnitude(Buffer.from([0]))]).toEqual([0]);
  });

  it('returns a tree or throws PledgeError on arbitrary bytes (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        try {
          const root = readDerRoot(bytes);
          walk(bytes, root, (n) => {
            expect(n.end).toBeLessThanOrEqual(bytes.length);
          });
        } catch (e) {
          if (!(e instanceof PledgeError)) throw e;
        }
      }),
      { seed: 0x5eed, numRuns: 2000 },
    );
  });
});
