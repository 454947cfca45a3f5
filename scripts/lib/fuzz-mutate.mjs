// Structure-aware mutations of APKs for the campaign (scripts/fuzz.mjs). A mutant is a pure
// function of (campaign seed, index): its spec names the base APK, the target (the whole file or
// one entry), and a list of byte edits computed from the target's structure (DEX header, map
// list, string ids and data, id tables, class defs, code items; AXML chunks, string pools and
// nodes; resources.arsc chunks, string pools and entries; zip central directory, local headers,
// end record and APK signing block), or a rebuild (bombs, hostile entry names). Edits are what
// --minimise shrinks.
import { crc32, deflateRawSync } from 'node:zlib';
import { entryFromRecord, entryOf, inflateRecord, readZip, writeZip } from './fuzz-zip.mjs';

/** mulberry32, as test/helpers/prng.ts. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of mutant `index` of a campaign. */
export function mutantSeed(seed, index) {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const BOUNDARY = [0, 1, 2, 3, 4, 7, 8, 0x10, 0x70, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff, 0x10000, 0x7ffffffe, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];

/** Hostile entry names: traversal, absolute, controls, bidi, huge. */
export const HOSTILE_NAMES = [
  '../../../../etc/passwd',
  '/data/data/x/evil.so',
  'a/../../b.dex',
  'lib\\..\\..\\x.so',
  'classes\u0000.dex',
  'res/a\r\nb.xml',
  'assets/\u001b[31mred\u001b[0m.txt',
  'assets/\u202etxt.exe',
  'assets/\u0007\u0008\u007f\u009b31m.bin',
  `assets/${'\u0000'.repeat(1200)}`,
  `assets/${'x'.repeat(10_000)}`,
  `${'a/'.repeat(3000)}deep.txt`,
  'AndroidManifest.xml',
  'classes.dex',
  '',
  '.',
  'META-INF/',
];

const u8 = (b, at) => (at >= 0 && at < b.length ? b[at] : 0);
const rd16 = (b, at) => (at >= 0 && at + 2 <= b.length ? b.readUInt16LE(at) : 0);
const rd32 = (b, at) => (at >= 0 && at + 4 <= b.length ? b.readUInt32LE(at) : 0);
const le32 = (v) => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
const le16 = (v) => [v & 0xff, (v >>> 8) & 0xff];

class Picker {
  constructor(rnd) {
    this.rnd = rnd;
  }
  int(n) {
    return Math.floor(this.rnd() * n);
  }
  of(list) {
    return list[this.int(list.length)];
  }
  chance(p) {
    return this.rnd() < p;
  }
  /** A 32-bit value for a field currently holding `cur` in a buffer of `len` bytes. */
  value(cur, len, bits = 32) {
    const mask = bits === 16 ? 0xffff : bits === 8 ? 0xff : 0xffffffff;
    const r = this.rnd();
    let v;
    if (r < 0.4) v = this.of(BOUNDARY);
    else if (r < 0.6) v = this.of([len - 1, len, len + 1, len + 4, len * 2, len >>> 1]);
    else if (r < 0.85) v = cur + (this.chance(0.5) ? 1 : -1) * (1 + this.int(16));
    else v = Math.floor(this.rnd() * 2 ** 32);
    return (v >>> 0) & mask;
  }
}

function setU32(p, b, at, what) {
  return { at, bytes: le32(p.value(rd32(b, at), b.length)), what };
}
function setU16(p, b, at, what) {
  return { at, bytes: le16(p.value(rd16(b, at), b.length, 16)), what };
}

// ---- DEX ---------------------------------------------------------------------------------------

const DEX_TABLES = [
  // [name, size field, offset field, item size, [u16/u32 fields: [offset, bits, name]]]
  ['type_ids', 0x40, 0x44, 4, [[0, 32, 'descriptor_idx']]],
  ['proto_ids', 0x48, 0x4c, 12, [[0, 32, 'shorty_idx'], [4, 32, 'return_type_idx'], [8, 32, 'parameters_off']]],
  ['field_ids', 0x50, 0x54, 8, [[0, 16, 'class_idx'], [2, 16, 'type_idx'], [4, 32, 'name_idx']]],
  ['method_ids', 0x58, 0x5c, 8, [[0, 16, 'class_idx'], [2, 16, 'proto_idx'], [4, 32, 'name_idx']]],
];
const CLASS_DEF_FIELDS = ['class_idx', 'access_flags', 'superclass_idx', 'interfaces_off', 'source_file_idx', 'annotations_off', 'class_data_off', 'static_values_off'];

function uleb(b, p) {
  let v = 0;
  for (let shift = 0; shift < 35; shift += 7) {
    if (p.at >= b.length) return -1;
    const x = b[p.at++];
    v += (x & 0x7f) * 2 ** shift;
    if ((x & 0x80) === 0) return v;
  }
  return -1;
}

/** code_off of some methods of class defs picked at random. */
function codeOffsets(p, d) {
  const n = rd32(d, 0x60);
  const off = rd32(d, 0x64);
  const out = [];
  for (let tries = 0; tries < 8 && out.length === 0 && n > 0; tries++) {
    const cd = off + 32 * p.int(Math.min(n, 100_000));
    const data = rd32(d, cd + 0x18);
    if (data === 0 || data >= d.length) continue;
    const c = { at: data };
    const sizes = [uleb(d, c), uleb(d, c), uleb(d, c), uleb(d, c)];
    if (sizes.some((s) => s < 0 || s > 100_000)) continue;
    for (let i = 0; i < sizes[0] + sizes[1]; i++) if (uleb(d, c) < 0 || uleb(d, c) < 0) break;
    for (let i = 0; i < sizes[2] + sizes[3]; i++) {
      if (uleb(d, c) < 0 || uleb(d, c) < 0) break;
      const code = uleb(d, c);
      if (code > 0 && code < d.length) out.push(code);
    }
  }
  return out;
}

function dexEdits(kind, p, d) {
  const sids = rd32(d, 0x38);
  const sidOff = rd32(d, 0x3c);
  switch (kind) {
    case 'dex-header': {
      const at = 0x20 + 4 * p.int(20);
      return [setU32(p, d, at, `header field 0x${at.toString(16)}`)];
    }
    case 'dex-map': {
      const mapOff = rd32(d, 0x34);
      const n = Math.min(rd32(d, mapOff), 64);
      if (n === 0 || p.chance(0.15)) return [setU32(p, d, mapOff, 'map size')];
      const item = mapOff + 4 + 12 * p.int(n);
      const f = p.of([0, 4, 8]);
      return [f === 0 ? setU16(p, d, item, 'map item type') : setU32(p, d, item + f, f === 4 ? 'map item size' : 'map item offset')];
    }
    case 'dex-string-ids': {
      if (sids === 0) return [setU32(p, d, 0x38, 'string_ids_size')];
      const i = p.int(Math.min(sids, 1 << 20));
      const at = sidOff + 4 * i;
      const v = p.of([d.length + p.int(64), 0xffffffff, 0x10, rd32(d, sidOff + 4 * p.int(sids)) + 1, p.value(rd32(d, at), d.length)]);
      return [{ at, bytes: le32(v >>> 0), what: `string_ids[${i}] = 0x${(v >>> 0).toString(16)}` }];
    }
    case 'dex-string-data': {
      if (sids === 0) return [];
      const i = p.int(Math.min(sids, 1 << 20));
      const off = rd32(d, sidOff + 4 * i);
      const how = p.int(4);
      if (how === 0) return [{ at: off, bytes: [0xff, 0xff, 0xff, 0xff, 0xff], what: `string ${i}: unterminated uleb128 length` }];
      if (how === 1) return [{ at: off, bytes: [0xff, 0xff, 0xff, 0xff, 0x0f], what: `string ${i}: huge length` }];
      const c = { at: off };
      uleb(d, c);
      if (how === 2) {
        let z = c.at;
        while (z < d.length && z < c.at + 4096 && d[z] !== 0) z++;
        return [{ at: z, bytes: [0x41], what: `string ${i}: terminator overwritten` }];
      }
      return [{ at: c.at, bytes: p.of([[0xc0], [0xe0, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x90, 0x80, 0x80], [0x80], [0xc0, 0x80]]), what: `string ${i}: invalid MUTF-8` }];
    }
    case 'dex-ids': {
      const [name, sizeAt, offAt, item, fields] = p.of(DEX_TABLES);
      const n = rd32(d, sizeAt);
      if (n === 0 || p.chance(0.1)) return [setU32(p, d, p.chance(0.5) ? sizeAt : offAt, `${name} header field`)];
      const i = p.int(Math.min(n, 1 << 20));
      const [fo, bits, fname] = p.of(fields);
      const at = rd32(d, offAt) + item * i + fo;
      return [bits === 16 ? setU16(p, d, at, `${name}[${i}].${fname}`) : setU32(p, d, at, `${name}[${i}].${fname}`)];
    }
    case 'dex-class-def': {
      const n = rd32(d, 0x60);
      if (n === 0) return [setU32(p, d, 0x60, 'class_defs_size')];
      const i = p.int(Math.min(n, 1 << 20));
      const k = p.int(8);
      return [setU32(p, d, rd32(d, 0x64) + 32 * i + 4 * k, `class_defs[${i}].${CLASS_DEF_FIELDS[k]}`)];
    }
    case 'dex-code': {
      const codes = codeOffsets(p, d);
      if (codes.length === 0) return [];
      const at = p.of(codes);
      const f = p.int(7);
      if (f < 4) return [setU16(p, d, at + 2 * f, `code_item@0x${at.toString(16)} ${['registers', 'ins', 'outs', 'tries'][f]}_size`)];
      if (f === 4) return [setU32(p, d, at + 8, `code_item@0x${at.toString(16)} debug_info_off`)];
      if (f === 5) return [setU32(p, d, at + 12, `code_item@0x${at.toString(16)} insns_size`)];
      const insns = Math.min(rd32(d, at + 12), 4096);
      if (insns === 0) return [];
      const pc = at + 16 + 2 * p.int(insns) + p.int(2);
      return [{ at: pc, bytes: [p.int(256)], what: `code_item@0x${at.toString(16)} instruction byte` }];
    }
  }
  return [];
}

// ---- AXML and ARSC chunks ------------------------------------------------------------------------

/** Chunks of a chunk stream from `start` (nested once into chunks whose body holds chunks). */
function chunks(b, start, end, depth, out) {
  let p = start;
  while (p + 8 <= end && out.length < 4096) {
    const type = rd16(b, p);
    const hsize = rd16(b, p + 2);
    const size = rd32(b, p + 4);
    out.push({ at: p, type, hsize, size });
    if (size < 8 || p + size > end) break;
    // resources.arsc: the table (0x0002) and packages (0x0200) hold chunks after their header.
    if (depth < 2 && (type === 0x0002 || type === 0x0200) && hsize >= 8 && hsize < size) chunks(b, p + hsize, p + size, depth + 1, out);
    p += size;
  }
  return out;
}

function poolEdits(p, b, pool, label) {
  const f = p.int(6);
  if (f === 0) return [setU32(p, b, pool.at + 8, `${label} string count`)];
  if (f === 1) return [setU32(p, b, pool.at + 20, `${label} strings start`)];
  if (f === 2) return [setU32(p, b, pool.at + 16, `${label} flags`)];
  const count = Math.min(rd32(b, pool.at + 8), 1 << 16);
  if (count === 0) return [setU32(p, b, pool.at + 12, `${label} style count`)];
  const i = p.int(count);
  const offAt = pool.at + pool.hsize + 4 * i;
  if (f === 3) return [setU32(p, b, offAt, `${label} offset of string ${i}`)];
  const data = pool.at + rd32(b, pool.at + 20) + rd32(b, offAt);
  if (f === 4) return [{ at: data, bytes: p.of([[0xff, 0xff], [0x7f, 0xff], [0x80, 0x00], [0xff, 0xff, 0xff, 0xff]]), what: `${label} length of string ${i}` }];
  return [{ at: data + 2 + p.int(8), bytes: [p.of([0, 0xff, 0xc0, 0xed, 0x0a, 0x1b])], what: `${label} bytes of string ${i}` }];
}

function axmlEdits(kind, p, m) {
  const list = chunks(m, 8, m.length, 2, [{ at: 0, type: rd16(m, 0), hsize: rd16(m, 2), size: rd32(m, 4) }]);
  if (kind === 'axml-chunk') {
    const c = p.of(list);
    const f = p.int(3);
    return [f === 0 ? setU16(p, m, c.at, 'chunk type') : f === 1 ? setU16(p, m, c.at + 2, 'chunk header size') : setU32(p, m, c.at + 4, 'chunk size')];
  }
  if (kind === 'axml-string-pool') {
    const pool = list.find((c) => c.type === 0x0001);
    return pool === undefined ? [] : poolEdits(p, m, pool, 'manifest string pool');
  }
  const elements = list.filter((c) => c.type >= 0x0100 && c.type <= 0x0104);
  if (elements.length === 0) return [];
  const e = p.of(elements);
  if (e.type === 0x0102 && p.chance(0.5)) {
    const f = p.of([[16, 32], [20, 32], [24, 16], [26, 16], [28, 16], [30, 16], [32, 16], [34, 16]]);
    return [f[1] === 16 ? setU16(p, m, e.at + f[0], `start element field +${f[0]}`) : setU32(p, m, e.at + f[0], `start element field +${f[0]}`)];
  }
  const at = e.at + 8 + 4 * p.int(Math.max(1, Math.min((e.size - 8) >>> 2, 1024)));
  return [setU32(p, m, at, `node word at 0x${at.toString(16)}`)];
}

function arscEdits(kind, p, a) {
  const list = chunks(a, 0, a.length, 0, []);
  if (list.length === 0) return [];
  if (kind === 'arsc-chunk') {
    const c = p.of(list);
    const f = p.int(4);
    if (f === 3 && c.type === 0x0002) return [setU32(p, a, c.at + 8, 'package count')];
    if (f === 3 && c.type === 0x0200) return [setU32(p, a, c.at + p.of([8, 268, 272, 276, 280]), 'package header field')];
    return [f === 0 ? setU16(p, a, c.at, 'chunk type') : f === 1 ? setU16(p, a, c.at + 2, 'chunk header size') : setU32(p, a, c.at + 4, 'chunk size')];
  }
  if (kind === 'arsc-string-pool') {
    const pools = list.filter((c) => c.type === 0x0001);
    return pools.length === 0 ? [] : poolEdits(p, a, p.of(pools), 'arsc string pool');
  }
  const types = list.filter((c) => c.type === 0x0201 || c.type === 0x0202);
  if (types.length === 0) return [];
  const t = p.of(types);
  const f = p.int(5);
  if (t.type === 0x0202 || f === 0) return [setU32(p, a, t.at + 12, t.type === 0x0202 ? 'type spec entry count' : 'type entry count')];
  if (f === 1) return [setU32(p, a, t.at + 16, 'type entries start')];
  if (f === 2) return [{ at: t.at + 9, bytes: [p.of([0, 1, 2, 3, 0xff])], what: 'type flags (sparse/offset16)' }];
  const count = Math.min(rd32(a, t.at + 12), 1 << 16);
  if (count === 0) return [];
  const i = p.int(count);
  if (f === 3) return [setU32(p, a, t.at + t.hsize + 4 * i, `type entry offset ${i}`)];
  const entry = t.at + rd32(a, t.at + 16) + rd32(a, t.at + t.hsize + 4 * i);
  const g = p.int(4);
  if (g === 0) return [setU16(p, a, entry, `entry ${i} size`)];
  if (g === 1) return [setU16(p, a, entry + 2, `entry ${i} flags`)];
  if (g === 2) return [setU32(p, a, entry + 4, `entry ${i} key`)];
  return [setU32(p, a, entry + 8 + p.int(3) * 4, `entry ${i} value/map word`)];
}

// ---- zip and signing block -------------------------------------------------------------------------

const CD_FIELDS = [[8, 16, 'flags'], [10, 16, 'method'], [16, 32, 'crc'], [20, 32, 'compressed size'], [24, 32, 'uncompressed size'], [28, 16, 'name length'], [30, 16, 'extra length'], [32, 16, 'comment length'], [34, 16, 'disk'], [42, 32, 'local header offset'], [0, 32, 'signature']];
const LFH_FIELDS = [[6, 16, 'flags'], [8, 16, 'method'], [14, 32, 'crc'], [18, 32, 'compressed size'], [22, 32, 'uncompressed size'], [26, 16, 'name length'], [28, 16, 'extra length'], [0, 32, 'signature']];
const EOCD_FIELDS = [[4, 16, 'disk'], [6, 16, 'cd disk'], [8, 16, 'entries on disk'], [10, 16, 'entries'], [12, 32, 'cd size'], [16, 32, 'cd offset'], [20, 16, 'comment length']];
const SIG_MAGIC = Buffer.from('APK Sig Block 42');

function field(p, b, at, [fo, bits, name], label) {
  return bits === 16 ? setU16(p, b, at + fo, `${label} ${name}`) : setU32(p, b, at + fo, `${label} ${name}`);
}

function zipEdits(kind, p, base) {
  const b = base.bytes;
  const z = base.zip;
  switch (kind) {
    case 'zip-cd': {
      const r = p.of(z.records);
      return [field(p, b, r.at, p.of(CD_FIELDS), `CD record of ${JSON.stringify(r.name.slice(0, 40))}`)];
    }
    case 'zip-lfh': {
      const r = p.of(z.records);
      return [field(p, b, r.lho, p.of(LFH_FIELDS), `local header of ${JSON.stringify(r.name.slice(0, 40))}`)];
    }
    case 'zip-eocd':
      return [field(p, b, z.eocd, p.of(EOCD_FIELDS), 'end record')];
    case 'signing-block': {
      const magic = base.sigMagic;
      if (magic < 0) return [];
      const size = rd32(b, magic - 8);
      const start = magic + 16 - size - 8;
      const f = p.int(5);
      if (f === 0) return [setU32(p, b, start, 'signing block size (first)')];
      if (f === 1) return [setU32(p, b, magic - 8, 'signing block size (second)')];
      if (f === 2) return [setU32(p, b, start + 8, 'first pair length')];
      if (f === 3) return [setU32(p, b, start + 16, 'first pair id')];
      // length prefixes of the v2/v3 structures are u32s: any aligned word may be one
      const at = start + 8 + 4 * p.int(Math.max(1, (magic - start - 8) >>> 2));
      return [setU32(p, b, at, `signing block word at 0x${at.toString(16)}`)];
    }
    case 'truncate-file':
      return [];
    case 'flip': {
      const n = 1 + p.int(16);
      const out = [];
      for (let i = 0; i < n; i++) {
        const at = p.int(b.length);
        out.push({ at, bytes: [u8(b, at) ^ (1 + p.int(255))], what: `flip 0x${at.toString(16)}` });
      }
      return out;
    }
  }
  return [];
}

// ---- bases and specs ---------------------------------------------------------------------------------

/** A seed APK, taken apart once. */
export function prepareBase(path, bytes) {
  const zip = readZip(bytes);
  const entries = new Map();
  if (zip !== undefined) for (const r of zip.records) if (!entries.has(r.name)) entries.set(r.name, r);
  const inflated = new Map();
  const entry = (name) => {
    if (!inflated.has(name)) {
      const r = entries.get(name);
      inflated.set(name, r === undefined ? undefined : inflateRecord(r));
    }
    return inflated.get(name);
  };
  const names = [...entries.keys()];
  const dex = names.filter((n) => /^classes\d*\.dex$/.test(n) && entry(n) !== undefined && entry(n).length >= 0x70);
  const manifest = entry('AndroidManifest.xml') !== undefined && entry('AndroidManifest.xml').length >= 8 ? 'AndroidManifest.xml' : undefined;
  const arsc = entry('resources.arsc') !== undefined && entry('resources.arsc').length >= 12 ? 'resources.arsc' : undefined;
  const sigMagic = zip === undefined ? -1 : bytes.lastIndexOf(SIG_MAGIC, zip.cdOffset);
  const kinds = ['flip', 'truncate-file', 'bomb', 'traversal'];
  if (zip !== undefined) kinds.push('zip-cd', 'zip-lfh', 'zip-eocd', 'entry-flip', 'entry-truncate');
  if (sigMagic >= 24) kinds.push('signing-block');
  if (dex.length > 0) kinds.push('dex-header', 'dex-map', 'dex-string-ids', 'dex-string-data', 'dex-ids', 'dex-class-def', 'dex-code');
  if (manifest !== undefined) kinds.push('axml-chunk', 'axml-string-pool', 'axml-node');
  if (arsc !== undefined) kinds.push('arsc-chunk', 'arsc-string-pool', 'arsc-entry');
  return { path, bytes, zip, entries, entry, dex, manifest, arsc, sigMagic, kinds };
}

/** Every mutation kind, in table order. */
export const KINDS = ['dex-header', 'dex-map', 'dex-string-ids', 'dex-string-data', 'dex-ids', 'dex-class-def', 'dex-code', 'axml-chunk', 'axml-string-pool', 'axml-node', 'arsc-chunk', 'arsc-string-pool', 'arsc-entry', 'zip-cd', 'zip-lfh', 'zip-eocd', 'signing-block', 'bomb', 'traversal', 'entry-flip', 'entry-truncate', 'truncate-file', 'flip'];

/** The spec of mutant `index`: { base, kind, target, edits, truncate?, rebuild? }. */
export function makeSpec(bases, seed, index) {
  const p = new Picker(prng(mutantSeed(seed, index)));
  const baseIndex = p.int(bases.length);
  const base = bases[baseIndex];
  const kind = p.of(base.kinds);
  const spec = { base: baseIndex, kind, target: 'file', edits: [] };
  if (kind.startsWith('dex-')) {
    spec.target = p.of(base.dex);
    spec.edits = dexEdits(kind, p, base.entry(spec.target));
  } else if (kind.startsWith('axml-')) {
    spec.target = base.manifest;
    spec.edits = axmlEdits(kind, p, base.entry(spec.target));
  } else if (kind.startsWith('arsc-')) {
    spec.target = base.arsc;
    spec.edits = arscEdits(kind, p, base.entry(spec.target));
  } else if (kind === 'entry-flip' || kind === 'entry-truncate') {
    const targets = [...base.dex, base.manifest, base.arsc].filter((t) => t !== undefined);
    spec.target = targets.length > 0 && p.chance(0.8) ? p.of(targets) : p.of([...base.entries.keys()]);
    const data = base.entry(spec.target) ?? Buffer.alloc(0);
    if (kind === 'entry-truncate') spec.truncate = p.int(Math.max(1, data.length));
    else {
      const n = 1 + p.int(16);
      for (let i = 0; i < n && data.length > 0; i++) {
        const at = p.int(data.length);
        spec.edits.push({ at, bytes: [data[at] ^ (1 + p.int(255))], what: `flip 0x${at.toString(16)}` });
      }
    }
  } else if (kind === 'truncate-file') {
    const b = base.bytes;
    const z = base.zip;
    // Cuts inside the central directory and end record are the interesting ones.
    spec.truncate = z !== undefined && p.chance(0.5) ? z.cdOffset + p.int(b.length - z.cdOffset) : p.int(b.length);
  } else if (kind === 'bomb') {
    spec.rebuild = { bomb: p.of(['ratio', 'lying-size', 'declared-huge', 'many-entries', 'ratio-manifest', 'stored-huge-claim']), target: p.of(base.dex.length > 0 ? base.dex : ['classes.dex']) };
  } else if (kind === 'traversal') {
    const names = [...base.entries.keys()];
    spec.rebuild = { rename: names.length > 0 && p.chance(0.5) ? p.of(names) : undefined, name: p.of(HOSTILE_NAMES) };
  } else {
    spec.edits = zipEdits(kind, p, base);
  }
  spec.edits = spec.edits.filter((e) => e.at >= 0);
  return spec;
}

function applyEdits(bytes, edits) {
  const out = Buffer.from(bytes);
  for (const e of edits) for (let k = 0; k < e.bytes.length; k++) if (e.at + k < out.length) out[e.at + k] = e.bytes[k];
  return out;
}

let zeros64;
/** 64 MiB of zeros, deflated (about 64 KiB), made once per process. */
function bombStream() {
  zeros64 ??= deflateRawSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  return zeros64;
}

/** Rebuilds the base's zip with `replace(name)` giving a new entry (or null to drop it) and `extra` added. */
function rebuild(base, replace, extra = []) {
  const out = [];
  for (const r of base.zip?.records ?? []) {
    const e = replace(r.name);
    if (e === null) continue;
    out.push(e ?? entryFromRecord(r));
  }
  return writeZip([...out, ...extra]);
}

/** The bytes of a spec; `keep` (edit indices) applies only some edits, for minimising. */
export function applySpec(bases, spec, keep) {
  const base = bases[spec.base];
  const edits = keep === undefined ? spec.edits : spec.edits.filter((_, i) => keep.includes(i));
  if (spec.rebuild?.bomb !== undefined) {
    const { bomb, target } = spec.rebuild;
    const stream = bombStream();
    const size = 64 * 1024 * 1024;
    const crc = 0x758f2d3a; // not checked before the size limits
    if (bomb === 'many-entries') {
      const extra = Array.from({ length: 70_000 }, (_, i) => entryOf(`assets/m/${i}`, Buffer.alloc(0)));
      return rebuild(base, () => undefined, extra);
    }
    const name = bomb === 'ratio-manifest' ? 'AndroidManifest.xml' : target;
    const entry =
      bomb === 'ratio' || bomb === 'ratio-manifest'
        ? { name, method: 8, data: stream, crc, usize: size }
        : bomb === 'lying-size'
          ? { name, method: 8, data: stream, crc, usize: 1000 }
          : bomb === 'declared-huge'
            ? { name, method: 8, data: deflateRawSync(Buffer.from('tiny')), crc: crc32(Buffer.from('tiny')) >>> 0, usize: 0xfffffff0 }
            : { name, method: 0, data: Buffer.from('tiny'), crc: crc32(Buffer.from('tiny')) >>> 0, usize: 0xfffffff0 };
    const present = base.entries.has(name);
    return rebuild(base, (n) => (n === name ? entry : undefined), present ? [] : [entry]);
  }
  if (spec.rebuild?.name !== undefined) {
    const { rename, name } = spec.rebuild;
    if (rename !== undefined) return rebuild(base, (n) => (n === rename ? { ...entryFromRecord(base.entries.get(n)), name } : undefined));
    return rebuild(base, () => undefined, [entryOf(name, Buffer.from('x'))]);
  }
  if (spec.target === 'file') {
    const b = applyEdits(base.bytes, edits);
    return spec.truncate === undefined ? b : b.subarray(0, spec.truncate);
  }
  const data = base.entry(spec.target) ?? Buffer.alloc(0);
  let changed = applyEdits(data, edits);
  if (spec.truncate !== undefined) changed = changed.subarray(0, spec.truncate);
  return rebuild(base, (n) => (n === spec.target ? entryOf(n, changed) : undefined));
}

/** One line describing a spec. */
export function describeSpec(bases, spec) {
  const base = bases[spec.base];
  const name = base.path.split('/').pop();
  const parts = [`${spec.kind} ${name}`];
  if (spec.target !== 'file') parts.push(spec.target);
  if (spec.edits.length > 0) parts.push(spec.edits.map((e) => e.what).slice(0, 3).join('; ') + (spec.edits.length > 3 ? ` (+${spec.edits.length - 3})` : ''));
  if (spec.truncate !== undefined) parts.push(`truncated to ${spec.truncate}`);
  if (spec.rebuild?.bomb !== undefined) parts.push(`bomb ${spec.rebuild.bomb} in ${spec.rebuild.target}`);
  if (spec.rebuild?.name !== undefined) parts.push(`name ${JSON.stringify(spec.rebuild.name.slice(0, 40))}${spec.rebuild.name.length > 40 ? '…' : ''}${spec.rebuild.rename === undefined ? ' added' : ` for ${spec.rebuild.rename}`}`);
  return parts.join(': ');
}
