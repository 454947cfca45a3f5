import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PledgeError } from '../../src/util/errors.js';
import { protoFields, protoFloat, protoInt32, protoString, ProtoWriter, readVarint } from '../../src/util/protobuf.js';

describe('protobuf wire reader', () => {
  it('reads varints as the encoding guide gives them', () => {
    // https://protobuf.dev/programming-guides/encoding/: 150 is 96 01.
    expect(readVarint(Uint8Array.of(0x96, 0x01), 0)).toEqual([150, 2]);
    expect(readVarint(Uint8Array.of(0x01), 0)).toEqual([1, 1]);
    expect(readVarint(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x0f), 0)).toEqual([0xffffffff, 5]);
  });

  it('reads the fields a writer wrote, with their numbers and wire types', () => {
    const inner = new ProtoWriter().string(2, 'android');
    const buf = new ProtoWriter().uint(1, 0x7f010000).message(5, inner).fixed32(3, 0x3fc00000).string(15, '拾光').finish();
    const fields = [...protoFields(buf)];
    expect(fields.map((f) => [f.no, f.wire])).toEqual([
      [1, 0],
      [5, 2],
      [3, 5],
      [15, 2],
    ]);
    expect(fields[0]?.num).toBe(0x7f010000);
    expect([...protoFields(fields[1]?.bytes ?? new Uint8Array())].map(protoString)).toEqual(['android']);
    expect(protoFloat(fields[2]!)).toBe(1.5);
    expect(protoString(fields[3]!)).toBe('拾光');
  });

  it('reads a negative int32 written as a ten-byte varint', () => {
    // -2 as int32 on the wire: ff ff ff ff ff ff ff ff ff 01 after the key 08.
    const buf = Uint8Array.of(0x08, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
    const [f] = [...protoFields(buf)];
    expect(protoInt32(f!)).toBe(-2);
  });

  it('refuses what runs past its message, with E_PROTO_MALFORMED', () => {
    const cases = [Uint8Array.of(0x0a, 0x05, 0x41), Uint8Array.of(0x08), Uint8Array.of(0x0d, 0x01, 0x02), Uint8Array.of(0x0b), Uint8Array.of(0x00, 0x00), Uint8Array.of(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)];
    for (const c of cases) expect(() => [...protoFields(c, 'x.pb')]).toThrow(expect.objectContaining({ code: 'E_PROTO_MALFORMED', entry: 'x.pb' }));
  });

  it('returns fields or throws PledgeError for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        try {
          for (const f of protoFields(bytes)) if (f.wire === 2) expect([...protoFields(f.bytes)].length).toBeGreaterThanOrEqual(0);
        } catch (e) {
          if (!(e instanceof PledgeError)) throw e;
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
