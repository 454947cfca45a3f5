import { ANDROID_ATTR_NAMES } from './android-attrs.js';
import {
  ANDROID_NS,
  TYPE_ATTRIBUTE,
  TYPE_DIMENSION,
  TYPE_DYNAMIC_ATTRIBUTE,
  TYPE_DYNAMIC_REFERENCE,
  TYPE_FLOAT,
  TYPE_FRACTION,
  TYPE_INT_BOOLEAN,
  TYPE_INT_COLOR_ARGB4,
  TYPE_INT_COLOR_ARGB8,
  TYPE_INT_COLOR_RGB4,
  TYPE_INT_COLOR_RGB8,
  TYPE_INT_DEC,
  TYPE_INT_HEX,
  TYPE_NULL,
  TYPE_REFERENCE,
  TYPE_STRING,
  type XmlAttribute,
  type XmlElement,
} from './types.js';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function asFloat(data: number): number {
  u32[0] = data >>> 0;
  return f32[0] as number;
}

const DIMENSION_UNITS = ['px', 'dip', 'sp', 'pt', 'in', 'mm'];
const FRACTION_UNITS = ['%', '%p'];
const RADIX_MULTS = [1 / 256, 1 / 32768, 1 / 8388608, 1 / 2147483648];

/** Android's complex (dimension/fraction) unpacking: 24-bit mantissa, 2-bit radix. */
function complexToFloat(data: number): number {
  const mantissa = (data & 0xffffff00) | 0;
  return mantissa * (RADIX_MULTS[(data >> 4) & 3] as number);
}

function trimFloat(v: number): string {
  // Same shape aapt prints: at most 6 significant decimals, no trailing zeros beyond one.
  const s = Number(v.toPrecision(7)).toString();
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** A resource reference as aapt prints it: `@0x7f040001` (`@android:0x…` is not used). */
export function formatRef(prefix: '@' | '?', id: number): string {
  return id === 0 ? '@null' : `${prefix}0x${hex8(id)}`;
}

/** The attribute's value as text, the way `aapt dump xmltree`/androguard render typed values. */
export function formatValue(a: Pick<XmlAttribute, 'type' | 'data' | 'str'>): string {
  const d = a.data;
  switch (a.type) {
    case TYPE_STRING:
      return a.str ?? '';
    case TYPE_NULL:
      return d === 1 ? '@empty' : '';
    case TYPE_REFERENCE:
    case TYPE_DYNAMIC_REFERENCE:
      return formatRef('@', d);
    case TYPE_ATTRIBUTE:
    case TYPE_DYNAMIC_ATTRIBUTE:
      return formatRef('?', d);
    case TYPE_FLOAT:
      return trimFloat(asFloat(d));
    case TYPE_DIMENSION:
      return `${trimFloat(complexToFloat(d))}${DIMENSION_UNITS[d & 0xf] ?? ''}`;
    case TYPE_FRACTION:
      return `${trimFloat(complexToFloat(d) * 100)}${FRACTION_UNITS[d & 0xf] ?? ''}`;
    case TYPE_INT_DEC:
      return String(d | 0);
    case TYPE_INT_HEX:
      return `0x${hex8(d)}`;
    case TYPE_INT_BOOLEAN:
      return d !== 0 ? 'true' : 'false';
    case TYPE_INT_COLOR_ARGB8:
    case TYPE_INT_COLOR_RGB8:
    case TYPE_INT_COLOR_ARGB4:
    case TYPE_INT_COLOR_RGB4:
      return `#${hex8(d)}`;
    default:
      if (a.str !== null) return a.str;
      return `<0x${hex8(d)}, type 0x${a.type.toString(16)}>`;
  }
}

/** android:* attribute identity: by resource ID when it has one, by namespace+name otherwise. */
export function findAttr(el: XmlElement, resId: number): XmlAttribute | undefined {
  for (const a of el.attrs) if (a.resId === resId) return a;
  return undefined;
}

/** An attribute with no resource ID, matched by name in no namespace (e.g. `package`). */
export function findPlainAttr(el: XmlElement, name: string): XmlAttribute | undefined {
  for (const a of el.attrs) if (a.resId === 0 && a.ns === null && a.name === name) return a;
  // Some builders put `package`/`versionCode` in odd namespaces; Android would not see them, but
  // they are worth a fallback when nothing plain exists.
  return undefined;
}

/** The name to print: the framework name for android resource IDs, else the pool string. */
export function displayName(a: XmlAttribute): { ns: string | null; name: string } {
  if (a.resId >>> 24 === 0x01) {
    const known = ANDROID_ATTR_NAMES.get(a.resId);
    if (known !== undefined) return { ns: ANDROID_NS, name: known };
  }
  return { ns: a.ns, name: a.name };
}

/** Boolean value as Android's TypedArray.getBoolean reads it, or undefined when not boolean-like. */
export function attrBoolean(a: XmlAttribute | undefined): boolean | undefined {
  if (a === undefined) return undefined;
  if (a.type === TYPE_INT_BOOLEAN || a.type === TYPE_INT_DEC || a.type === TYPE_INT_HEX) return a.data !== 0;
  if (a.type === TYPE_STRING) {
    const s = (a.str ?? '').trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

/** Integer value as TypedArray.getInt reads it (decimal or hex strings included). */
export function attrInt(a: XmlAttribute | undefined): number | undefined {
  if (a === undefined) return undefined;
  if (a.type >= TYPE_INT_DEC && a.type <= TYPE_INT_COLOR_RGB4) return a.data | 0;
  if (a.type === TYPE_STRING && a.str !== null) {
    const s = a.str.trim();
    if (/^-?\d+$/.test(s)) return Number.parseInt(s, 10);
    if (/^0x[0-9a-f]+$/i.test(s)) return Number.parseInt(s, 16) | 0;
  }
  return undefined;
}

/** True when the value is a reference to a resource (to be resolved through resources.arsc). */
export function isReference(a: XmlAttribute | undefined): boolean {
  return a !== undefined && (a.type === TYPE_REFERENCE || a.type === TYPE_DYNAMIC_REFERENCE);
}
