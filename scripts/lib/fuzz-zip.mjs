// A small zip reader and writer for the mutation campaign (scripts/fuzz.mjs): enough to take an
// APK apart into entries (names, methods, compressed bytes) and put it back together with one
// entry changed, renamed, added or replaced by a bomb. Not a general zip library: no ZIP64, no
// data descriptors on write; what it cannot read is fuzzed at byte level only.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;

/** Offset of the end-of-central-directory record, or -1. */
export function findEocd(buf) {
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === EOCD) return p;
  }
  return -1;
}

/**
 * The archive's layout and entries: { eocd, cdOffset, cdSize, records: [{ at, name, method, crc,
 * csize, usize, lho, data }] } with `data` the compressed bytes, or undefined when the file is not
 * a zip this reader understands.
 */
export function readZip(buf) {
  const eocd = findEocd(buf);
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > eocd) return undefined;
  const records = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CDH) return undefined;
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const usize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const lho = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    if (lho + 30 > cdOffset || buf.readUInt32LE(lho) !== LFH) return undefined;
    const dataAt = lho + 30 + buf.readUInt16LE(lho + 26) + buf.readUInt16LE(lho + 28);
    if (dataAt + csize > cdOffset) return undefined;
    records.push({ at: p, name, method, crc, csize, usize, lho, data: buf.subarray(dataAt, dataAt + csize) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { eocd, cdOffset, cdSize, records };
}

/** The uncompressed bytes of a record (stored or deflated), or undefined. */
export function inflateRecord(r) {
  try {
    if (r.method === 0) return Buffer.from(r.data);
    if (r.method === 8) return inflateRawSync(r.data, { maxOutputLength: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
  return undefined;
}

function u16(n) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
}
function u32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/**
 * Writes entries { name (string or Buffer), method, data (the bytes as written: compressed when
 * method is 8), crc, usize } in order, with a central directory and an end record.
 */
export function writeZip(entries) {
  const parts = [];
  const cd = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'utf8');
    const lfh = Buffer.concat([u32(LFH), u16(20), u16(0x800), u16(e.method), u16(0), u16(0x21), u32(e.crc), u32(e.data.length), u32(e.usize), u16(name.length), u16(0), name]);
    cd.push(Buffer.concat([u32(CDH), u16(0x031e), u16(20), u16(0x800), u16(e.method), u16(0), u16(0x21), u32(e.crc), u32(e.data.length), u32(e.usize), u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name]));
    parts.push(lfh, e.data);
    offset += lfh.length + e.data.length;
  }
  const cdBuf = Buffer.concat(cd);
  const end = Buffer.concat([u32(EOCD), u16(0), u16(0), u16(entries.length), u16(entries.length), u32(cdBuf.length), u32(offset), u16(0)]);
  return Buffer.concat([...parts, cdBuf, end]);
}

/** An entry for writeZip from uncompressed bytes: stored, or deflated when `deflate`. */
export function entryOf(name, bytes, deflate = false) {
  return { name, method: deflate ? 8 : 0, data: deflate ? deflateRawSync(bytes) : bytes, crc: crc32(bytes) >>> 0, usize: bytes.length };
}

/** An entry for writeZip that keeps a record's compressed bytes as they are. */
export function entryFromRecord(r) {
  return { name: r.name, method: r.method, data: r.data, crc: r.crc, usize: r.usize };
}
