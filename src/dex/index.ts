export { DexFile, parseDex, parseDexContainer, type ParseDexOptions } from './dex-file.js';
export { type DexHeader, NO_INDEX, readDexHeader } from './header.js';
export { type MapItem } from './map-list.js';
export {
  ACC_ABSTRACT,
  ACC_CONSTRUCTOR,
  ACC_FINAL,
  ACC_INTERFACE,
  ACC_NATIVE,
  ACC_PRIVATE,
  ACC_PROTECTED,
  ACC_PUBLIC,
  ACC_STATIC,
  ACC_SYNTHETIC,
  type ClassData,
  type ClassDef,
  type EncodedField,
  type EncodedMethod,
} from './class-def.js';
export { type CodeItem } from './code-item.js';
export { decodeMutf8 } from './mutf8.js';
export { type InsnFormat, type InvokeKind, invokeKind, type OpcodeInfo, OPCODES } from './opcodes.js';
export { scanDex, type ScanOptions, type ScanResult } from './scan.js';
export { MethodTable, SiteTable } from './site-table.js';
export {
  fieldMask,
  type FieldSelection,
  FRAMEWORK_PREFIXES,
  makeFieldFilter,
  makeTypeFilter,
  typeMask,
  typePrefixMask,
  type TypeSelection,
} from './filters.js';
export {
  type ArgValue,
  hasNoBranch,
  type Instruction,
  instructions,
  invokeArguments,
  type InvokeSite,
  isReturnVoidOnly,
  returnsConstantTrue,
} from './method-analysis.js';
export { ClassHierarchy, type ClassInfo, type DefinedMethod, type ExternalSupertypes, type HierarchyOptions } from './hierarchy.js';
export { compareCodePoints, distinctStrings, listClassDescriptors, listMethodRefs, type MethodRefListOptions, sortByCodePoint, sortedDistinct } from './listing.js';
export { androguardDexEntryNames, dexEntryNames, unloadedDexEntryNames } from './entries.js';
