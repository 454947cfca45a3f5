import type { ByteCursor } from '../util/cursor.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { safeBound } from '../util/limits.js';
import type { DexHeader } from './header.js';

/** map_item type codes of the DEX format. */
export const TYPE_HEADER_ITEM = 0x0000;
export const TYPE_STRING_ID_ITEM = 0x0001;
export const TYPE_TYPE_ID_ITEM = 0x0002;
export const TYPE_PROTO_ID_ITEM = 0x0003;
export const TYPE_FIELD_ID_ITEM = 0x0004;
export const TYPE_METHOD_ID_ITEM = 0x0005;
export const TYPE_CLASS_DEF_ITEM = 0x0006;
export const TYPE_CALL_SITE_ID_ITEM = 0x0007;
export const TYPE_METHOD_HANDLE_ITEM = 0x0008;
export const TYPE_MAP_LIST = 0x1000;
export const TYPE_TYPE_LIST = 0x1001;
export const TYPE_ANNOTATION_SET_REF_LIST = 0x1002;
export const TYPE_ANNOTATION_SET_ITEM = 0x1003;
export const TYPE_CLASS_DATA_ITEM = 0x2000;
export const TYPE_CODE_ITEM = 0x2001;
export const TYPE_STRING_DATA_ITEM = 0x2002;
export const TYPE_DEBUG_INFO_ITEM = 0x2003;
export const TYPE_ANNOTATION_ITEM = 0x2004;
export const TYPE_ENCODED_ARRAY_ITEM = 0x2005;
export const TYPE_ANNOTATIONS_DIRECTORY_ITEM = 0x2006;
export const TYPE_HIDDENAPI_CLASS_DATA_ITEM = 0xf000;

/** Item size of the fixed-size sections; variable-size sections are absent. */
const FIXED_ITEM_SIZE = new Map<number, number>([
  [TYPE_HEADER_ITEM, 0x70],
  [TYPE_STRING_ID_ITEM, 4],
  [TYPE_TYPE_ID_ITEM, 4],
  [TYPE_PROTO_ID_ITEM, 12],
  [TYPE_FIELD_ID_ITEM, 8],
  [TYPE_METHOD_ID_ITEM, 8],
  [TYPE_CLASS_DEF_ITEM, 32],
  [TYPE_CALL_SITE_ID_ITEM, 4],
  [TYPE_METHOD_HANDLE_ITEM, 8],
]);

const KNOWN_TYPES = new Set<number>([
  ...FIXED_ITEM_SIZE.keys(),
  TYPE_MAP_LIST,
  TYPE_TYPE_LIST,
  TYPE_ANNOTATION_SET_REF_LIST,
  TYPE_ANNOTATION_SET_ITEM,
  TYPE_CLASS_DATA_ITEM,
  TYPE_CODE_ITEM,
  TYPE_STRING_DATA_ITEM,
  TYPE_DEBUG_INFO_ITEM,
  TYPE_ANNOTATION_ITEM,
  TYPE_ENCODED_ARRAY_ITEM,
  TYPE_ANNOTATIONS_DIRECTORY_ITEM,
  TYPE_HIDDENAPI_CLASS_DATA_ITEM,
]);

const MAP_ITEM_SIZE = 12;
const MAX_MAP_DIAGNOSTICS = 10;

/** map_item: one section of the file. */
export interface MapItem {
  /** 0x00 type: a TYPE_* code. */
  type: number;
  /** 0x04 size: number of items in the section. */
  size: number;
  /** 0x08 offset: where the section starts. */
  offset: number;
}

/** map_list at `mapOff`: uint size, then `size` map_items. Throws when it does not fit in `c`. */
export function readMapList(c: ByteCursor, mapOff: number): MapItem[] {
  const count = c.u32At(mapOff);
  safeBound(count, Math.floor((c.end - mapOff - 4) / MAP_ITEM_SIZE), 'E_DEX_OUT_OF_BOUNDS', 'map_list size', c.entry);
  const items: MapItem[] = [];
  let at = mapOff + 4;
  for (let i = 0; i < count; i++, at += MAP_ITEM_SIZE) {
    // 0x00 type, 0x02 unused, 0x04 size, 0x08 offset
    items.push({ type: c.u16At(at), size: c.u32At(at + 4), offset: c.u32At(at + 8) });
  }
  return items;
}

/**
 * Cross-checks the map list against the header and the file. Android's verifier rejects a file
 * whose map disagrees; we read sections through the header, so disagreement is recorded, not
 * fatal (packers and hand-made files produce it).
 */
export function checkMapList(items: readonly MapItem[], h: DexHeader, end: number, diags: DiagnosticSink, entry: string | undefined): void {
  let reported = 0;
  const odd = (msg: string, offset?: number): void => {
    if (reported++ < MAX_MAP_DIAGNOSTICS) diags.add('W_DEX_ODD', `map list: ${msg}`, entry, offset);
  };
  const seen = new Map<number, MapItem>();
  let prevOffset = -1;
  for (const it of items) {
    const hex = `0x${it.type.toString(16).padStart(4, '0')}`;
    if (!KNOWN_TYPES.has(it.type)) odd(`unknown section type ${hex}`, it.offset);
    if (seen.has(it.type)) odd(`section type ${hex} appears twice`, it.offset);
    else seen.set(it.type, it);
    if (it.offset < prevOffset) odd(`section ${hex} at 0x${it.offset.toString(16)} is out of order`, it.offset);
    prevOffset = Math.max(prevOffset, it.offset);
    const itemSize = FIXED_ITEM_SIZE.get(it.type);
    const bytes = itemSize === undefined ? (it.size > 0 ? 1 : 0) : it.size * itemSize;
    if (it.offset > end || bytes > end - it.offset) {
      odd(`section ${hex} (${it.size} items at 0x${it.offset.toString(16)}) extends past the end (0x${end.toString(16)})`, it.offset);
    }
  }
  const expect = (type: number, name: string, size: number, off: number): void => {
    const it = seen.get(type);
    if (it === undefined) {
      if (size !== 0) odd(`header declares ${size} ${name} but the map has no such section`);
      return;
    }
    if (it.size !== size || (size !== 0 && it.offset !== off)) {
      odd(`${name}: map says ${it.size} at 0x${it.offset.toString(16)}, header says ${size} at 0x${off.toString(16)}`, it.offset);
    }
  };
  expect(TYPE_STRING_ID_ITEM, 'string_ids', h.stringIdsSize, h.stringIdsOff);
  expect(TYPE_TYPE_ID_ITEM, 'type_ids', h.typeIdsSize, h.typeIdsOff);
  expect(TYPE_PROTO_ID_ITEM, 'proto_ids', h.protoIdsSize, h.protoIdsOff);
  expect(TYPE_FIELD_ID_ITEM, 'field_ids', h.fieldIdsSize, h.fieldIdsOff);
  expect(TYPE_METHOD_ID_ITEM, 'method_ids', h.methodIdsSize, h.methodIdsOff);
  expect(TYPE_CLASS_DEF_ITEM, 'class_defs', h.classDefsSize, h.classDefsOff);
  const self = seen.get(TYPE_MAP_LIST);
  if (self === undefined) odd('has no entry for itself');
  else if (self.offset !== h.mapOff) odd(`its own entry says 0x${self.offset.toString(16)}, header says 0x${h.mapOff.toString(16)}`);
  if (!seen.has(TYPE_HEADER_ITEM)) odd('has no header section');
}
