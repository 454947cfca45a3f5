import { deflateRawSync, crc32 } from 'node:zlib';

/**
 * A test-only zip writer that can produce what real tools refuse to: wrong flags, local headers
 * that disagree with the central directory, unknown methods, ZIP64 records, prepended data.
 */
export interface RawEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflated, anything else written as is (the data is then stored). */
  method?: number;
  flags?: number;
  /** Override what the central directory says. */
  cd?: Partial<{ name: string; method: number; crc: number; csize: number; usize: number; flags: number; lho: number }>;
  /** Override what the local header says. */
  lfh?: Partial<{ name: string; method: number; crc: number; csize: number; usize: number; flags: number }>;
  /** Force ZIP64 extra fields for this entry. */
  zip64?: boolean;
}

export interface ZipOptions {
  prepend?: Uint8Array;
  comment?: Uint8Array;
  /** Bytes written after the EOCD (+comment). */
  trailing?: Uint8Array;
  /** Write ZIP64 end records (and 0xffff/0xffffffff in the 32-bit record). */
  zip64?: boolean;
  /** Override the entry count in the end record. */
  eocdEntries?: number;
  /** Bytes between the central directory and the end record. */
  gapBeforeEocd?: Uint8Array;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}
function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

export function writeZip(entries: RawEntry[], opts: ZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer | Uint8Array): void => {
    parts.push(Buffer.from(b));
    offset += b.length;
  };
  if (opts.prepend !== undefined) push(opts.prepend);
  const cdParts: Buffer[] = [];
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data);
    const crc = crc32(e.data) >>> 0;
    const name = Buffer.from(e.name, 'utf8');
    const lho = offset;
    const l = { name: e.name, method, crc, csize: body.length, usize: e.data.length, flags: e.flags ?? 0, ...e.lfh };
    const lname = Buffer.from(l.name, 'utf8');
    push(Buffer.concat([u32(0x04034b50), u16(20), u16(l.flags), u16(l.method), u16(0), u16(0x21), u32(l.crc), u32(l.csize), u32(l.usize), u16(lname.length), u16(0), lname]));
    push(body);
    const c = { name: e.name, method, crc, csize: body.length, usize: e.data.length, flags: e.flags ?? 0, lho, ...e.cd };
    const cname = Buffer.from(c.name, 'utf8');
    let extra = Buffer.alloc(0);
    let csize32 = c.csize;
    let usize32 = c.usize;
    let lho32 = c.lho;
    if (e.zip64 === true || opts.zip64 === true) {
      extra = Buffer.concat([u16(0x0001), u16(24), u64(c.usize), u64(c.csize), u64(c.lho)]);
      csize32 = 0xffffffff;
      usize32 = 0xffffffff;
      lho32 = 0xffffffff;
    }
    cdParts.push(
      Buffer.concat([u32(0x02014b50), u16(0x031e), u16(20), u16(c.flags), u16(c.method), u16(0), u16(0x21), u32(c.crc), u32(csize32), u32(usize32), u16(cname.length), u16(extra.length), u16(0), u16(0), u16(0), u32(0), u32(lho32), cname, extra]),
    );
    void name;
  }
  const cdOffset = offset;
  const cd = Buffer.concat(cdParts);
  push(cd);
  if (opts.gapBeforeEocd !== undefined) push(opts.gapBeforeEocd);
  const count = opts.eocdEntries ?? entries.length;
  if (opts.zip64 === true) {
    const recOffset = offset;
    push(Buffer.concat([u32(0x06064b50), u64(44), u16(45), u16(45), u32(0), u32(0), u64(count), u64(count), u64(cd.length), u64(cdOffset)]));
    push(Buffer.concat([u32(0x07064b50), u32(0), u64(recOffset), u32(1)]));
  }
  const comment = opts.comment ?? new Uint8Array(0);
  push(
    Buffer.concat([
      u32(0x06054b50),
      u16(0),
      u16(0),
      u16(opts.zip64 === true ? 0xffff : count),
      u16(opts.zip64 === true ? 0xffff : count),
      u32(opts.zip64 === true ? 0xffffffff : cd.length),
      u32(opts.zip64 === true ? 0xffffffff : cdOffset),
      u16(comment.length),
      Buffer.from(comment),
    ]),
  );
  if (opts.trailing !== undefined) push(opts.trailing);
  return Buffer.concat(parts);
}
