import type { ByteCursor } from '../util/cursor.js';
import { FLAG_OFFSET16, FLAG_SPARSE, type TypeChunk } from './type-chunk.js';
/** ResTable_entry flags. */
export const FLAG_COMPLEX = 0x0001;
export const FLAG_PUBLIC = 0x0002;
export const FLAG_WEAK = 0x0004;
export const FLAG_COMPACT = 0x0008;

const NO_ENTRY = 0xffffffff;
const NO_ENTRY16 = 0xffff;
/** sizeof(ResTable_entry), sizeof(ResTable_map_entry), sizeof(Res_value), sizeof(ResTable_map). */
const ENTRY_SIZE = 8;
const MAP_ENTRY_SIZE = 16;
const VALUE_SIZE = 8;
const MAP_SIZE = 12;

/** A decoded ResTable_entry with its value or map, before strings are looked up. */
export interface RawEntry {
  /** Index into the package's key-name pool. */
  key: number;
  /** ResTable_entry flags (FLAG_COMPLEX, FLAG_PUBLIC, FLAG_WEAK, FLAG_COMPACT). */
  flags: number;
  /** Res_value of a simple entry. */
  value?: RawValue;
  /** Parent and items of a complex entry. */
  bag?: { parent: number; items: { name: number; value: RawValue }[] };
}

export interface RawValue {
  /** Res_value dataType */
  type: number;
  /** Res_value data */
  data: number;
}

/**
 * LoadedPackage::GetEntryOffset: the offset (from entriesStart) of entry `index` in a type
 * chunk, or undefined when the chunk has no entry for it. Sparse chunks are binary-searched
 * (uint16 index, uint16 offset/4 pairs sorted by index); FLAG_OFFSET16 chunks store offset/4
 * in 16 bits with 0xffff for none; others store 32-bit offsets with 0xffffffff for none.
 * The offset array was checked to lie inside the chunk when the chunk was indexed.
 */
export function entryOffset(c: ByteCursor, t: TypeChunk, index: number): number | undefined {
  const base = t.start + t.headerSize;
  if (t.flags & FLAG_SPARSE) {
    let lo = 0;
    let hi = t.entryCount;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c.u16At(base + mid * 4) < index) lo = mid + 1;
      else hi = mid;
    }
    if (lo === t.entryCount || c.u16At(base + lo * 4) !== index) return undefined;
    return c.u16At(base + lo * 4 + 2) * 4;
  }
  if (index >= t.entryCount) return undefined;
  if (t.flags & FLAG_OFFSET16) {
    const off = c.u16At(base + index * 2);
    return off === NO_ENTRY16 ? undefined : off * 4;
  }
  const off = c.u32At(base + index * 4);
  return off === NO_ENTRY ? undefined : off;
}

/** Every (index, offset) a type chunk holds, in stored order; the work is bounded by the chunk's size. */
export function* chunkEntries(c: ByteCursor, t: TypeChunk): Generator<{ index: number; offset: number }> {
  if (t.flags & FLAG_SPARSE) {
    const base = t.start + t.headerSize;
    for (let i = 0; i < t.entryCount; i++) yield { index: c.u16At(base + i * 4), offset: c.u16At(base + i * 4 + 2) * 4 };
    return;
  }
  for (let index = 0; index < t.entryCount; index++) {
    const offset = entryOffset(c, t, index);
    if (offset !== undefined) yield { index, offset };
  }
}

/** Res_value: 0x00 size, 0x02 res0, 0x03 dataType, 0x04 data. */
function readValue(c: ByteCursor, at: number): RawValue {
  return { type: c.u8At(at + 3), data: c.u32At(at + 4) };
}

/**
 * VerifyResTableEntry and the entry read after it: the entry at `offset` from entriesStart,
 * or a reason when Android would treat the entry as absent. Every position read is checked
 * against the type chunk, so a lying offset or count cannot reach outside it.
 */
export function readEntry(c: ByteCursor, t: TypeChunk, offset: number): RawEntry | string {
  if (offset & 3) return `entry offset 0x${offset.toString(16)} is not 4-aligned`;
  const rel = t.entriesStart + offset;
  if (rel > t.size - ENTRY_SIZE) return `entry offset 0x${offset.toString(16)} leaves no room for an entry in the ${t.size}-byte type chunk`;
  const at = t.start + rel;
  const flags = c.u16At(at + 2); // 0x02 flags, in both entry forms
  if (flags & FLAG_COMPACT) {
    // ResTable_entry::Compact: 0x00 key (uint16), 0x02 flags (data type in the high byte),
    // 0x04 data. Always a simple value.
    return { key: c.u16At(at), flags, value: { type: flags >>> 8, data: c.u32At(at + 4) } };
  }
  // ResTable_entry::Full: 0x00 size, 0x02 flags, 0x04 key (index into the key pool)
  const size = c.u16At(at);
  if (size < ENTRY_SIZE) return `entry at 0x${rel.toString(16)} has size ${size}, below ${ENTRY_SIZE}`;
  if (size > t.size - rel) return `entry at 0x${rel.toString(16)} has size ${size}, past the type chunk`;
  const key = c.u32At(at + 4);
  if (flags & FLAG_COMPLEX) {
    // ResTable_map_entry: 0x08 parent, 0x0c count; `size` bytes on, count ResTable_map of
    // 0x00 name and 0x04 Res_value. androidfw tells maps from values by size alone; a complex
    // entry too small for the map header is refused here instead of read past its end.
    if (size < MAP_ENTRY_SIZE) return `complex entry at 0x${rel.toString(16)} has size ${size}, below ${MAP_ENTRY_SIZE}`;
    const parent = c.u32At(at + 8);
    const count = c.u32At(at + 12);
    const mapsAt = rel + size;
    if (mapsAt & 3) return `map of the entry at 0x${rel.toString(16)} starts unaligned`;
    if (count > Math.floor((t.size - mapsAt) / MAP_SIZE)) return `entry at 0x${rel.toString(16)} declares ${count} map items, too many for the type chunk`;
    const items: { name: number; value: RawValue }[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const m = t.start + mapsAt + i * MAP_SIZE;
      items[i] = { name: c.u32At(m), value: readValue(c, m + 4) };
    }
    return { key, flags, bag: { parent, items } };
  }
  // A simple entry: its Res_value follows the entry header.
  if (rel + size > t.size - VALUE_SIZE) return `entry at 0x${rel.toString(16)} leaves no room for its value`;
  const valueSize = c.u16At(at + size);
  if (valueSize < VALUE_SIZE) return `value of the entry at 0x${rel.toString(16)} has size ${valueSize}, below ${VALUE_SIZE}`;
  if (rel + size > t.size - valueSize) return `value of the entry at 0x${rel.toString(16)} runs past the type chunk`;
  return { key, flags, value: readValue(c, at + size) };
}
