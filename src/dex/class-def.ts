import type { ByteCursor } from '../util/cursor.js';
import { PledgeError } from '../util/errors.js';
import { safeBound } from '../util/limits.js';

/** Access flags (access_flags of class_def_item, encoded_field and encoded_method). */
export const ACC_PUBLIC = 0x1;
export const ACC_PRIVATE = 0x2;
export const ACC_PROTECTED = 0x4;
export const ACC_STATIC = 0x8;
export const ACC_FINAL = 0x10;
export const ACC_SYNCHRONIZED = 0x20;
export const ACC_VOLATILE = 0x40;
export const ACC_BRIDGE = 0x40;
export const ACC_TRANSIENT = 0x80;
export const ACC_VARARGS = 0x80;
export const ACC_NATIVE = 0x100;
export const ACC_INTERFACE = 0x200;
export const ACC_ABSTRACT = 0x400;
export const ACC_STRICT = 0x800;
export const ACC_SYNTHETIC = 0x1000;
export const ACC_ANNOTATION = 0x2000;
export const ACC_ENUM = 0x4000;
export const ACC_CONSTRUCTOR = 0x10000;
export const ACC_DECLARED_SYNCHRONIZED = 0x20000;

export const CLASS_DEF_SIZE = 32;

/** class_def_item. */
export interface ClassDef {
  /** 0x00 class_idx: type_ids index of the class. */
  classIdx: number;
  /** 0x04 access_flags */
  accessFlags: number;
  /** 0x08 superclass_idx: type_ids index, or NO_INDEX for java.lang.Object (and hostile files). */
  superclassIdx: number;
  /** 0x0c interfaces_off: type_list of implemented interfaces, or 0. */
  interfacesOff: number;
  /** 0x10 source_file_idx: string_ids index, or NO_INDEX. */
  sourceFileIdx: number;
  /** 0x14 annotations_off: annotations_directory_item, or 0. */
  annotationsOff: number;
  /** 0x18 class_data_off: class_data_item, or 0 for a class without fields or methods (a marker interface). */
  classDataOff: number;
  /** 0x1c static_values_off: encoded_array_item of static field initial values, or 0. */
  staticValuesOff: number;
}

export function readClassDef(c: ByteCursor, at: number): ClassDef {
  c.need(at, CLASS_DEF_SIZE, 'class_def_item');
  return {
    classIdx: c.u32At(at),
    accessFlags: c.u32At(at + 0x04),
    superclassIdx: c.u32At(at + 0x08),
    interfacesOff: c.u32At(at + 0x0c),
    sourceFileIdx: c.u32At(at + 0x10),
    annotationsOff: c.u32At(at + 0x14),
    classDataOff: c.u32At(at + 0x18),
    staticValuesOff: c.u32At(at + 0x1c),
  };
}

/** encoded_field of class_data_item, with the delta-encoded index resolved. */
export interface EncodedField {
  /** field_ids index (field_idx_diff summed over the list). */
  fieldIdx: number;
  accessFlags: number;
}

/** encoded_method of class_data_item, with the delta-encoded index resolved. */
export interface EncodedMethod {
  /** method_ids index (method_idx_diff summed over the list). */
  methodIdx: number;
  accessFlags: number;
  /** code_item offset, 0 for abstract and native methods. */
  codeOff: number;
  /** From direct_methods (static, private, constructors) rather than virtual_methods. */
  direct: boolean;
}

/** class_data_item: four uleb128 sizes, then the four lists. */
export interface ClassData {
  staticFields: EncodedField[];
  instanceFields: EncodedField[];
  directMethods: EncodedMethod[];
  virtualMethods: EncodedMethod[];
}

/**
 * Reads the class_data_item at `at`. Counts are bounded by the bytes left (an encoded_field takes
 * at least 2 bytes, an encoded_method 3) before anything is allocated.
 */
export function readClassData(c: ByteCursor, at: number): ClassData {
  c.seek(at);
  const staticFieldsSize = c.uleb128();
  const instanceFieldsSize = c.uleb128();
  const directMethodsSize = c.uleb128();
  const virtualMethodsSize = c.uleb128();
  const left = c.end - c.pos;
  safeBound(staticFieldsSize + instanceFieldsSize, Math.floor(left / 2), 'E_DEX_OUT_OF_BOUNDS', 'class_data field count', c.entry);
  safeBound(directMethodsSize + virtualMethodsSize, Math.floor(left / 3), 'E_DEX_OUT_OF_BOUNDS', 'class_data method count', c.entry);
  const fields = (n: number): EncodedField[] => {
    const out: EncodedField[] = [];
    let idx = 0;
    for (let i = 0; i < n; i++) {
      idx += c.uleb128();
      out.push({ fieldIdx: idx, accessFlags: c.uleb128() });
    }
    return out;
  };
  const methods = (n: number, direct: boolean): EncodedMethod[] => {
    const out: EncodedMethod[] = [];
    let idx = 0;
    for (let i = 0; i < n; i++) {
      idx += c.uleb128();
      out.push({ methodIdx: idx, accessFlags: c.uleb128(), codeOff: c.uleb128(), direct });
    }
    return out;
  };
  const staticFields = fields(staticFieldsSize);
  const instanceFields = fields(instanceFieldsSize);
  const directMethods = methods(directMethodsSize, true);
  const virtualMethods = methods(virtualMethodsSize, false);
  return { staticFields, instanceFields, directMethods, virtualMethods };
}

/** type_list at `at`: uint size, then `size` ushort type_ids indices. */
export function readTypeList(c: ByteCursor, at: number): number[] {
  const size = c.u32At(at);
  safeBound(size, Math.floor((c.end - at - 4) / 2), 'E_DEX_OUT_OF_BOUNDS', `type_list at 0x${at.toString(16)} size`, c.entry);
  const out = new Array<number>(size);
  for (let i = 0; i < size; i++) out[i] = c.u16At(at + 4 + i * 2);
  return out;
}

/** The error for an index outside its table (ids refer to ids; a hostile file can point anywhere). */
export function indexError(what: string, i: number, n: number, entry: string | undefined): PledgeError {
  return new PledgeError('E_DEX_OUT_OF_BOUNDS', `${what} index ${i} is outside the ${n}-entry table`, { entry });
}
