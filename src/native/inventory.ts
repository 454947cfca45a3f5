import type { ZipArchive } from '../apk/zip.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { ELF_HEADER_BYTES, readElfHeader, type ElfHeader } from './elf-header.js';
import { readDynamicSymbols } from './elf-symbols.js';
import { readEntryPrefix } from './entry-prefix.js';

/** A native library the package manager would extract or map: `lib/<abi>/<name>.so`. */
export interface NativeLib {
  entry: string;
  /** `arm64-v8a`, `armeabi-v7a`, `x86_64`, … as named in the APK (not validated). */
  abi: string;
  /** `libapp.so`. */
  name: string;
  /** Uncompressed size declared by the central directory. */
  size: number;
}

export interface InspectedLib extends NativeLib {
  /** The ELF header, or undefined when the first bytes are not a loadable ELF header. */
  elf: ElfHeader | undefined;
  /** Dynamic symbol names (.dynsym), for libraries below `symbolsBelow` bytes when asked for. */
  symbols?: string[];
}

export interface InspectOptions {
  /**
   * Also read the dynamic symbols of libraries smaller than this many bytes (those are read and
   * inflated whole; the others still cost 64 bytes). Off by default.
   */
  symbolsBelow?: number;
}

/**
 * ABIs in the order a device that supports them all would prefer them; one copy of each library
 * is enough for a text scan, and the 64-bit ARM copy is the one current phones load.
 */
export const ABI_PREFERENCE: readonly string[] = ['arm64-v8a', 'armeabi-v7a', 'armeabi', 'x86_64', 'x86', 'riscv64', 'mips64', 'mips'];

const LIB_RE = /^lib\/([^/]+)\/([^/]+\.so)$/;

/**
 * Every `lib/<abi>/*.so` entry, in central-directory order. PackageManager extracts exactly this
 * shape (NativeLibraryHelper: one directory level, `.so` names); deeper paths are not libraries.
 */
export function listNativeLibs(zip: ZipArchive): NativeLib[] {
  const out: NativeLib[] = [];
  for (const entry of zip.names()) {
    const m = LIB_RE.exec(entry);
    if (m === null) continue;
    const e = zip.entry(entry);
    if (e === undefined || e.isDirectory) continue;
    out.push({ entry, abi: m[1] as string, name: m[2] as string, size: e.uncompressedSize });
  }
  return out;
}

/** One copy per library name, from the most preferred ABI that has it (ties: first listed). */
export function oneAbiPerLibrary<T extends NativeLib>(libs: readonly T[]): T[] {
  const rank = (abi: string): number => {
    const i = ABI_PREFERENCE.indexOf(abi);
    return i < 0 ? ABI_PREFERENCE.length : i;
  };
  const best = new Map<string, T>();
  for (const l of libs) {
    const cur = best.get(l.name);
    if (cur === undefined || rank(l.abi) < rank(cur.abi)) best.set(l.name, l);
  }
  return [...best.values()];
}

/**
 * The inventory with each library's ELF header, read from its first 64 bytes only (the rest is
 * never inflated). A library that cannot be read or is not ELF gets `elf: undefined` and a
 * W_ARTIFACT_FAILED diagnostic.
 */
export function inspectNativeLibs(zip: ZipArchive, diagnostics: DiagnosticSink, opts: InspectOptions = {}): InspectedLib[] {
  return listNativeLibs(zip).map((lib) => {
    const out: InspectedLib = { ...lib, elf: undefined };
    try {
      const whole = opts.symbolsBelow !== undefined && lib.size < opts.symbolsBelow;
      const { bytes } = readEntryPrefix(zip, lib.entry, whole ? lib.size : ELF_HEADER_BYTES);
      out.elf = readElfHeader(bytes.subarray(0, ELF_HEADER_BYTES), { fileSize: lib.size, entry: lib.entry, diagnostics });
      if (whole && out.elf !== undefined) {
        const symbols = readDynamicSymbols(bytes, out.elf);
        if (symbols !== undefined) out.symbols = symbols.map((s) => s.name);
      }
    } catch (e) {
      if (!(e instanceof PledgeError)) throw e;
      diagnostics.add('W_ARTIFACT_FAILED', `${lib.entry}: ${e.code} ${e.message}`, lib.entry, e.offset);
    }
    return out;
  });
}
