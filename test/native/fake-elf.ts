import { prng } from '../helpers/prng.js';

/**
 * A small, deterministic ELF64 little-endian shared object for tests: one PT_LOAD mapping the
 * whole file, section headers with .dynsym/.dynstr naming the given symbols, and a body of
 * seeded noise with literals planted at known offsets (each between NUL bytes, as a compiler
 * lays out string literals). Used for the fixture's fake Flutter libapp.so and for unit tests.
 */
export interface FakeElfOptions {
  seed: number;
  /** Bytes of noise before, between and after the literals. */
  noise: number;
  /** Literals written into the body: UTF-8 strings, or raw bytes (UTF-16LE for Dart strings). */
  literals: (string | Uint8Array)[];
  /** Symbols over ranges of the body: `[name, literal index]` covers the planted literal. */
  symbols?: [string, number][];
  machine?: number;
}

export interface FakeElf {
  bytes: Buffer;
  /** File offset of each planted literal. */
  offsets: number[];
}

const EHDR = 64;
const PHDR = 56;
const SHDR = 64;
const SYM = 24;

export function fakeElf(opts: FakeElfOptions): FakeElf {
  const rnd = prng(opts.seed);
  const noise = (n: number): Buffer => {
    const b = Buffer.alloc(n);
    // Noise that is not text: bytes below 0x20 and above 0xf4, never a printable run.
    for (let i = 0; i < n; i++) b[i] = rnd() < 0.5 ? Math.floor(rnd() * 0x1f) + 1 : 0xf5 + Math.floor(rnd() * 10);
    return b;
  };
  const body: Buffer[] = [];
  const offsets: number[] = [];
  let at = EHDR + PHDR;
  const push = (b: Buffer): void => {
    body.push(b);
    at += b.length;
  };
  push(noise(opts.noise));
  const ranges: { start: number; end: number }[] = [];
  for (const lit of opts.literals) {
    push(Buffer.from([0]));
    // Dart aligns string payloads: keep UTF-16 literals at even offsets.
    if (at % 2 === 1) push(Buffer.from([0]));
    const bytes = typeof lit === 'string' ? Buffer.from(lit, 'utf8') : Buffer.from(lit);
    offsets.push(at);
    ranges.push({ start: at, end: at + bytes.length });
    push(bytes);
    push(Buffer.from([0, 0]));
    push(noise(opts.noise));
  }
  const symbols = opts.symbols ?? [];
  const dynstr = Buffer.concat([Buffer.from([0]), ...symbols.map(([n]) => Buffer.from(`${n}\0`, 'latin1'))]);
  const shstrtab = Buffer.from('\0.dynsym\0.dynstr\0.shstrtab\0', 'latin1');
  const dynsymOff = at;
  const dynsym = Buffer.alloc(SYM * (symbols.length + 1));
  let nameOff = 1;
  symbols.forEach(([name, lit], i) => {
    const r = ranges[lit];
    if (r === undefined) throw new Error(`no literal ${lit}`);
    const p = SYM * (i + 1);
    dynsym.writeUInt32LE(nameOff, p); // st_name
    dynsym[p + 4] = 0x11; // st_info: STB_GLOBAL, STT_OBJECT
    dynsym.writeUInt16LE(1, p + 6); // st_shndx
    dynsym.writeBigUInt64LE(BigInt(r.start), p + 8); // st_value (vaddr = offset: one PT_LOAD at 0)
    dynsym.writeBigUInt64LE(BigInt(r.end - r.start), p + 16); // st_size
    nameOff += Buffer.byteLength(name, 'latin1') + 1;
  });
  push(dynsym);
  const dynstrOff = at;
  push(dynstr);
  const shstrOff = at;
  push(shstrtab);
  if (at % 8 !== 0) push(Buffer.alloc(8 - (at % 8)));
  const shoff = at;
  const sh = Buffer.alloc(SHDR * 4);
  const section = (i: number, name: number, type: number, off: number, size: number, link: number, entsize: number): void => {
    const p = i * SHDR;
    sh.writeUInt32LE(name, p);
    sh.writeUInt32LE(type, p + 4);
    sh.writeBigUInt64LE(BigInt(off), p + 0x18);
    sh.writeBigUInt64LE(BigInt(size), p + 0x20);
    sh.writeUInt32LE(link, p + 0x28);
    sh.writeBigUInt64LE(BigInt(entsize), p + 0x38);
  };
  section(1, 1, 11, dynsymOff, dynsym.length, 2, SYM); // .dynsym, linked to .dynstr
  section(2, 9, 3, dynstrOff, dynstr.length, 0, 0); // .dynstr
  section(3, 17, 3, shstrOff, shstrtab.length, 0, 0); // .shstrtab
  push(sh);
  const total = at;

  const ehdr = Buffer.alloc(EHDR);
  ehdr.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0); // ELFCLASS64, ELFDATA2LSB, EV_CURRENT
  ehdr.writeUInt16LE(3, 0x10); // e_type ET_DYN
  ehdr.writeUInt16LE(opts.machine ?? 183, 0x12); // e_machine EM_AARCH64
  ehdr.writeUInt32LE(1, 0x14); // e_version
  ehdr.writeBigUInt64LE(BigInt(EHDR), 0x20); // e_phoff
  ehdr.writeBigUInt64LE(BigInt(shoff), 0x28); // e_shoff
  ehdr.writeUInt16LE(EHDR, 0x34); // e_ehsize
  ehdr.writeUInt16LE(PHDR, 0x36); // e_phentsize
  ehdr.writeUInt16LE(1, 0x38); // e_phnum
  ehdr.writeUInt16LE(SHDR, 0x3a); // e_shentsize
  ehdr.writeUInt16LE(4, 0x3c); // e_shnum
  ehdr.writeUInt16LE(3, 0x3e); // e_shstrndx
  const phdr = Buffer.alloc(PHDR);
  phdr.writeUInt32LE(1, 0); // PT_LOAD
  phdr.writeUInt32LE(4, 4); // PF_R
  phdr.writeBigUInt64LE(0n, 8); // p_offset
  phdr.writeBigUInt64LE(0n, 0x10); // p_vaddr
  phdr.writeBigUInt64LE(BigInt(total), 0x20); // p_filesz
  phdr.writeBigUInt64LE(BigInt(total), 0x28); // p_memsz
  return { bytes: Buffer.concat([ehdr, phdr, ...body]), offsets };
}

/** UTF-16LE bytes of a string (how Dart's AOT snapshot stores strings above U+00FF). */
export function utf16(s: string): Uint8Array {
  return Buffer.from(s, 'utf16le');
}

/** The fixture's lib/arm64-v8a/libapp.so: UTF-8 literals, and one UTF-16 literal in the Dart snapshot data. */
export function fixtureLibApp(): FakeElf {
  return fakeElf({
    seed: 20240101,
    noise: 96,
    literals: ['注销账号', 'https://flutter.strings.example.cn/privacy', 'accept', utf16('个人信息收集清单'), '隐私政策与用户协议'],
    symbols: [['_kDartIsolateSnapshotData', 3]],
  });
}

/** The fixture's lib/armeabi-v7a/libapp.so: another ABI's copy, never scanned when arm64-v8a has one. */
export function fixtureLibAppArm32(): FakeElf {
  return fakeElf({ seed: 20240102, noise: 64, literals: ['只在armeabi里的拒绝'], machine: 40 });
}

/** The fixture's lib/arm64-v8a/libgarbage.so: not ELF at all. */
export function fixtureGarbageLib(): Buffer {
  const rnd = prng(7);
  const b = Buffer.alloc(300);
  for (let i = 0; i < b.length; i++) b[i] = Math.floor(rnd() * 256);
  b[0] = 0x13; // never the ELF magic
  return b;
}
