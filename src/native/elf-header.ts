import type { DiagnosticSink } from '../util/diagnostics.js';

/** The ELF file header (Elf32_Ehdr / Elf64_Ehdr), the parts an inventory needs. */
export interface ElfHeader {
  /** EI_CLASS: ELFCLASS32 or ELFCLASS64. */
  class: 32 | 64;
  /** EI_DATA: ELFDATA2LSB or ELFDATA2MSB. */
  endian: 'little' | 'big';
  /** e_machine: EM_ARM 40, EM_AARCH64 183, EM_386 3, EM_X86_64 62, EM_MIPS 8, EM_RISCV 243. */
  machine: number;
  /** e_type: ET_REL 1, ET_EXEC 2, ET_DYN 3 (shared objects, what Android loads). */
  type: number;
  /** e_phoff, e_phentsize, e_phnum: the program headers the dynamic linker reads. */
  phoff: number;
  phentsize: number;
  phnum: number;
  /** e_shoff, e_shentsize, e_shnum: section headers, which the linker ignores. */
  shoff: number;
  shentsize: number;
  shnum: number;
  /**
   * False when the section header table lies outside the file: bionic's linker never reads it,
   * so packers corrupt it to break analysis tools; the library still loads.
   */
  sectionsInFile: boolean;
}

const ELFCLASS32 = 1;
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const ELFDATA2MSB = 2;
const EV_CURRENT = 1;
/** sizeof(Elf32_Ehdr), sizeof(Elf64_Ehdr). */
const EHDR32_SIZE = 52;
const EHDR64_SIZE = 64;

/** Bytes to read for any ELF header. */
export const ELF_HEADER_BYTES = EHDR64_SIZE;

const MACHINES: ReadonlyMap<number, string> = new Map([
  [3, 'x86'],
  [8, 'mips'],
  [40, 'arm'],
  [62, 'x86_64'],
  [183, 'aarch64'],
  [243, 'riscv'],
]);

/** `aarch64` for EM_AARCH64, … ; `em<N>` for machines Android does not run. */
export function machineName(machine: number): string {
  return MACHINES.get(machine) ?? `em${machine}`;
}

export interface ReadElfOptions {
  /** Size of the whole file (the header is read from a prefix): offsets are checked against it. */
  fileSize?: number | undefined;
  entry?: string | undefined;
  diagnostics?: DiagnosticSink | undefined;
}

/**
 * Reads an ELF header the way bionic's ElfReader::VerifyElfHeader checks it (magic, class,
 * data encoding, version), plus the program header table lying inside the file. A header that
 * fails is undefined with a W_ARTIFACT_FAILED diagnostic: a garbage `.so` is a fact about the app,
 * never a crash. The header is fixed-size, so one length check up front bounds every read.
 */
export function readElfHeader(bytes: Uint8Array, opts: ReadElfOptions = {}): ElfHeader | undefined {
  const fail = (why: string): undefined => {
    opts.diagnostics?.add('W_ARTIFACT_FAILED', `not a valid ELF library: ${why}`, opts.entry, 0);
    return undefined;
  };
  if (bytes.length < 16) return fail(`${bytes.length} bytes, shorter than e_ident`);
  // 0x00 e_ident[EI_MAG0..3]
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    return fail(`bad magic ${hex(bytes, 0, 4)}`);
  }
  // 0x04 e_ident[EI_CLASS], 0x05 e_ident[EI_DATA], 0x06 e_ident[EI_VERSION]
  const cls = bytes[4];
  const data = bytes[5];
  if (cls !== ELFCLASS32 && cls !== ELFCLASS64) return fail(`EI_CLASS is ${cls}`);
  if (data !== ELFDATA2LSB && data !== ELFDATA2MSB) return fail(`EI_DATA is ${data}`);
  if (bytes[6] !== EV_CURRENT) return fail(`EI_VERSION is ${bytes[6]}`);
  const is64 = cls === ELFCLASS64;
  const size = is64 ? EHDR64_SIZE : EHDR32_SIZE;
  if (bytes.length < size) return fail(`${bytes.length} bytes, shorter than the ${size}-byte header`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, size);
  const le = data === ELFDATA2LSB;
  const u16 = (at: number): number => v.getUint16(at, le);
  const u32 = (at: number): number => v.getUint32(at, le);
  const u64 = (at: number): number => {
    const lo = v.getUint32(at + (le ? 0 : 4), le);
    const hi = v.getUint32(at + (le ? 4 : 0), le);
    return hi * 0x100000000 + lo;
  };
  // 0x10 e_type, 0x12 e_machine, 0x14 e_version
  const type = u16(16);
  const machine = u16(18);
  // Elf32: 0x1c e_phoff, 0x20 e_shoff, 0x2a e_phentsize, 0x2c e_phnum, 0x2e e_shentsize, 0x30 e_shnum
  // Elf64: 0x20 e_phoff, 0x28 e_shoff, 0x36 e_phentsize, 0x38 e_phnum, 0x3a e_shentsize, 0x3c e_shnum
  const phoff = is64 ? u64(0x20) : u32(0x1c);
  const shoff = is64 ? u64(0x28) : u32(0x20);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const fileSize = opts.fileSize;
  if (phnum === 0) return fail('no program headers (e_phnum is 0)');
  if (phentsize !== (is64 ? 56 : 32)) return fail(`e_phentsize is ${phentsize}`);
  if (fileSize !== undefined && (phoff < size || phoff + phnum * phentsize > fileSize)) {
    return fail(`program headers [${phoff}, ${phoff + phnum * phentsize}) lie outside the ${fileSize}-byte file`);
  }
  // No diagnostic for section headers: no code says "tampered but loadable", and the flag is the fact.
  const sectionsInFile = fileSize === undefined || shnum === 0 || (shoff !== 0 && shoff + shnum * shentsize <= fileSize);
  return { class: is64 ? 64 : 32, endian: le ? 'little' : 'big', machine, type, phoff, phentsize, phnum, shoff, shentsize, shnum, sectionsInFile };
}

function hex(b: Uint8Array, from: number, n: number): string {
  let s = '';
  for (let i = from; i < from + n && i < b.length; i++) s += (b[i] as number).toString(16).padStart(2, '0');
  return s;
}
