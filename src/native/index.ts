/**
 * Native libraries: the `lib/<abi>/*.so` inventory with ELF headers (read from 64 bytes each),
 * printable text of library bytes (UTF-8 aware, for Flutter's libapp.so and other literals), and
 * a bounded prefix reader for zip entries.
 */
export { ELF_HEADER_BYTES, machineName, readElfHeader, type ElfHeader, type ReadElfOptions } from './elf-header.js';
export { inflatePrefix } from '../apk/inflate-prefix.js';
export { readEntryPrefix, type EntryPrefix } from './entry-prefix.js';
export { ABI_PREFERENCE, inspectNativeLibs, listNativeLibs, oneAbiPerLibrary, type InspectedLib, type InspectOptions, type NativeLib } from './inventory.js';
export { dartSnapshotDataRanges, DART_SNAPSHOT_DATA_SYMBOLS, readDynamicSymbols, type ElfSymbol } from './elf-symbols.js';
export { binaryRuns, binaryStrings, decodeRun, type BinaryRun, type BinaryRuns, type BinaryString, type BinaryStringOptions, type BinaryStrings } from './strings.js';
