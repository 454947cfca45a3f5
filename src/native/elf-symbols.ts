import type { ElfHeader } from './elf-header.js';

/** One dynamic symbol (.dynsym) with the file range its value maps to, when a PT_LOAD maps it. */
export interface ElfSymbol {
  name: string;
  /** st_value: a virtual address. */
  value: number;
  /** st_size. */
  size: number;
  /** File offset of st_value through the PT_LOAD segment holding it, or undefined. */
  fileOffset: number | undefined;
}

const PT_LOAD = 1;
const SHT_DYNSYM = 11;
const DEFAULT_MAX_SYMBOLS = 20_000;
const MAX_NAME = 1024;

/**
 * The dynamic symbols of a whole ELF file, from the section headers (SHT_DYNSYM and its linked
 * string table), little-endian only (every Android ABI is). Undefined when the tables are absent
 * or lie outside the bytes; every offset and count is checked against the buffer before use, and
 * at most `maxSymbols` are read. Cheap: a library's .dynsym is a few thousand entries at most.
 */
export function readDynamicSymbols(bytes: Uint8Array, h: ElfHeader, maxSymbols = DEFAULT_MAX_SYMBOLS): ElfSymbol[] | undefined {
  if (h.endian !== 'little' || !h.sectionsInFile || h.shnum === 0) return undefined;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const is64 = h.class === 64;
  const inFile = (off: number, len: number): boolean => Number.isSafeInteger(off) && Number.isSafeInteger(len) && off >= 0 && len >= 0 && off + len <= bytes.length;
  const u64 = (at: number): number => v.getUint32(at + 4, true) * 0x100000000 + v.getUint32(at, true);
  const shentsize = is64 ? 64 : 40;
  if (h.shentsize !== shentsize || !inFile(h.shoff, h.shnum * shentsize)) return undefined;

  /** Elf32_Shdr / Elf64_Shdr: 0x04 sh_type, sh_offset (0x10 | 0x18), sh_size (0x14 | 0x20), sh_link (0x18 | 0x28), sh_entsize (0x24 | 0x38). */
  const section = (i: number): { type: number; offset: number; size: number; link: number; entsize: number } => {
    const at = h.shoff + i * shentsize;
    return is64
      ? { type: v.getUint32(at + 4, true), offset: u64(at + 0x18), size: u64(at + 0x20), link: v.getUint32(at + 0x28, true), entsize: u64(at + 0x38) }
      : { type: v.getUint32(at + 4, true), offset: v.getUint32(at + 0x10, true), size: v.getUint32(at + 0x14, true), link: v.getUint32(at + 0x18, true), entsize: v.getUint32(at + 0x24, true) };
  };
  let dynsym: ReturnType<typeof section> | undefined;
  for (let i = 0; i < h.shnum; i++) {
    const s = section(i);
    if (s.type === SHT_DYNSYM) {
      dynsym = s;
      break;
    }
  }
  const symSize = is64 ? 24 : 16;
  if (dynsym === undefined || dynsym.entsize !== symSize || !inFile(dynsym.offset, dynsym.size) || dynsym.link >= h.shnum) return undefined;
  const strtab = section(dynsym.link);
  if (!inFile(strtab.offset, strtab.size)) return undefined;

  const loads = programLoads(v, h, inFile);
  const count = Math.min(Math.floor(dynsym.size / symSize), maxSymbols);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: ElfSymbol[] = [];
  // Entry 0 is the reserved undefined symbol.
  for (let i = 1; i < count; i++) {
    const at = dynsym.offset + i * symSize;
    // Elf32_Sym: 0x00 st_name, 0x04 st_value, 0x08 st_size; Elf64_Sym: 0x00 st_name, 0x08 st_value, 0x10 st_size
    const nameOff = v.getUint32(at, true);
    const value = is64 ? u64(at + 8) : v.getUint32(at + 4, true);
    const size = is64 ? u64(at + 16) : v.getUint32(at + 8, true);
    if (nameOff >= strtab.size) continue;
    const from = strtab.offset + nameOff;
    const limit = Math.min(strtab.offset + strtab.size, from + MAX_NAME);
    let end = from;
    while (end < limit && buf[end] !== 0) end++;
    const name = buf.toString('latin1', from, end);
    if (name === '') continue;
    const load = loads.find((l) => value >= l.vaddr && value < l.vaddr + l.filesz);
    out.push({ name, value, size, fileOffset: load === undefined ? undefined : load.offset + (value - load.vaddr) });
  }
  return out;
}

/** PT_LOAD segments: Elf32_Phdr 0x04 p_offset, 0x08 p_vaddr, 0x10 p_filesz; Elf64_Phdr 0x08, 0x10, 0x20. */
function programLoads(v: DataView, h: ElfHeader, inFile: (off: number, len: number) => boolean): { offset: number; vaddr: number; filesz: number }[] {
  const is64 = h.class === 64;
  const size = is64 ? 56 : 32;
  if (h.phentsize !== size || !inFile(h.phoff, h.phnum * size)) return [];
  const u64 = (at: number): number => v.getUint32(at + 4, true) * 0x100000000 + v.getUint32(at, true);
  const out: { offset: number; vaddr: number; filesz: number }[] = [];
  for (let i = 0; i < h.phnum; i++) {
    const at = h.phoff + i * size;
    if (v.getUint32(at, true) !== PT_LOAD) continue;
    out.push(is64 ? { offset: u64(at + 8), vaddr: u64(at + 0x10), filesz: u64(at + 0x20) } : { offset: v.getUint32(at + 4, true), vaddr: v.getUint32(at + 8, true), filesz: v.getUint32(at + 0x10, true) });
  }
  return out;
}

/** Symbols Dart's AOT compiler gives the snapshot data sections of a Flutter app's libapp.so. */
export const DART_SNAPSHOT_DATA_SYMBOLS = ['_kDartVmSnapshotData', '_kDartIsolateSnapshotData'] as const;

/** File ranges of the Dart snapshot data (where string literals live), clipped to the bytes. */
export function dartSnapshotDataRanges(symbols: readonly ElfSymbol[], fileLength: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of symbols) {
    if (!(DART_SNAPSHOT_DATA_SYMBOLS as readonly string[]).includes(s.name) || s.fileOffset === undefined) continue;
    const start = Math.min(s.fileOffset, fileLength);
    // A size of 0 (some Dart versions) leaves the end unknown: scan to the end of the file.
    const end = s.size > 0 ? Math.min(fileLength, s.fileOffset + s.size) : fileLength;
    if (end > start) out.push({ start, end });
  }
  return out;
}
