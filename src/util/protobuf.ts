import { LIMITS } from './limits.js';
import { PledgeError } from './errors.js';

/**
 * A small protocol-buffers wire-format reader (https://protobuf.dev/programming-guides/encoding/),
 * enough for the aapt2 and bundletool messages of app bundles: varints, 32/64-bit fixed values
 * and length-delimited fields (strings, bytes, nested messages). Unknown fields are skipped, as
 * protobuf parsers do; anything that runs past its message is E_PROTO_MALFORMED.
 */

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** One field of a message: its number, wire type and value (a number, or the bytes of a LEN field). */
export interface ProtoField {
  no: number;
  wire: number;
  /** VARINT (exact below 2^53, else its low 32 bits), I32 and I64 (as unsigned; I64 low 32 bits only). */
  num: number;
  /** LEN fields: the payload, a view into the input. */
  bytes: Uint8Array;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder('utf-8');

/** Maximum nesting the readers below follow (aapt2's XML is at most as deep as the document). */
export const MAX_PROTO_DEPTH = LIMITS.protoDepth.value;

function fail(entry: string | undefined, offset: number, why: string): never {
  throw new PledgeError('E_PROTO_MALFORMED', why, { entry, offset });
}

/** Reads a varint at `pos`; returns the value and the next position. */
export function readVarint(buf: Uint8Array, pos: number, entry?: string): [number, number] {
  let value = 0;
  let low32 = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) fail(entry, pos, 'varint runs past the end of its message');
    const b = buf[pos++] as number;
    value += (b & 0x7f) * mul;
    if (i < 5) low32 = (low32 | ((b & 0x7f) << (7 * i))) >>> 0;
    mul *= 128;
    // Values of 2^53 and more are negative int32/int64 fields in practice: their low 32 bits are
    // what protoInt32 needs, and what is kept.
    if ((b & 0x80) === 0) return [value < 2 ** 53 ? value : low32, pos];
  }
  fail(entry, pos, 'varint longer than 10 bytes');
}

/** Every field of one message, in wire order. */
export function* protoFields(buf: Uint8Array, entry?: string): Generator<ProtoField> {
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [key, p] = readVarint(buf, pos, entry);
    pos = p;
    const no = Math.floor(key / 8);
    const wire = key % 8;
    if (no === 0) fail(entry, start, 'field number 0');
    switch (wire) {
      case WIRE_VARINT: {
        const [v, q] = readVarint(buf, pos, entry);
        pos = q;
        yield { no, wire, num: v, bytes: EMPTY };
        break;
      }
      case WIRE_I64: {
        if (pos + 8 > buf.length) fail(entry, pos, '64-bit field runs past the end of its message');
        const v = ((buf[pos] as number) | ((buf[pos + 1] as number) << 8) | ((buf[pos + 2] as number) << 16) | ((buf[pos + 3] as number) << 24)) >>> 0;
        pos += 8;
        yield { no, wire, num: v, bytes: EMPTY };
        break;
      }
      case WIRE_LEN: {
        const [len, q] = readVarint(buf, pos, entry);
        pos = q;
        if (len > buf.length - pos) fail(entry, pos, `length ${len} runs past the end of its message (${buf.length - pos} bytes left)`);
        yield { no, wire, num: len, bytes: buf.subarray(pos, pos + len) };
        pos += len;
        break;
      }
      case WIRE_I32: {
        if (pos + 4 > buf.length) fail(entry, pos, '32-bit field runs past the end of its message');
        const v = ((buf[pos] as number) | ((buf[pos + 1] as number) << 8) | ((buf[pos + 2] as number) << 16) | ((buf[pos + 3] as number) << 24)) >>> 0;
        pos += 4;
        yield { no, wire, num: v, bytes: EMPTY };
        break;
      }
      default:
        // Groups (3, 4) are proto2-only and never written by aapt2 or bundletool.
        fail(entry, start, `unsupported wire type ${wire} (field ${no})`);
    }
  }
}

/** A LEN field as UTF-8 text. */
export function protoString(f: ProtoField): string {
  return utf8.decode(f.bytes);
}

/** A varint field as a signed 32-bit value (int32 negative numbers are written as 64-bit varints). */
export function protoInt32(f: ProtoField): number {
  return Number(BigInt.asIntN(32, BigInt(f.num)));
}

/** An I32 field's bits as an IEEE float. */
export function protoFloat(f: ProtoField): number {
  const dv = new DataView(new ArrayBuffer(4));
  dv.setUint32(0, f.num >>> 0, true);
  return dv.getFloat32(0, true);
}

/** Writer for tests and fixtures: the inverse of protoFields for the types used here. */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];

  private varint(v: number): void {
    const out: number[] = [];
    let x = v;
    do {
      let b = x % 128;
      x = Math.floor(x / 128);
      if (x > 0) b |= 0x80;
      out.push(b);
    } while (x > 0);
    this.parts.push(Uint8Array.from(out));
  }

  uint(no: number, v: number): this {
    this.varint(no * 8 + WIRE_VARINT);
    this.varint(v >>> 0 === v ? v : v >>> 0);
    return this;
  }

  bool(no: number, v: boolean): this {
    return this.uint(no, v ? 1 : 0);
  }

  fixed32(no: number, v: number): this {
    this.varint(no * 8 + WIRE_I32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0, true);
    this.parts.push(b);
    return this;
  }

  bytes(no: number, v: Uint8Array): this {
    this.varint(no * 8 + WIRE_LEN);
    this.varint(v.length);
    this.parts.push(v);
    return this;
  }

  string(no: number, v: string): this {
    return this.bytes(no, new TextEncoder().encode(v));
  }

  message(no: number, w: ProtoWriter): this {
    return this.bytes(no, w.finish());
  }

  finish(): Uint8Array {
    const n = this.parts.reduce((s, p) => s + p.length, 0);
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
