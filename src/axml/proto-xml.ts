import { PledgeError } from '../util/errors.js';
import { MAX_PROTO_DEPTH, protoFields, protoFloat, protoInt32, protoString, type ProtoField } from '../util/protobuf.js';
import {
  TYPE_ATTRIBUTE,
  TYPE_DIMENSION,
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
  type XmlDocument,
  type XmlElement,
} from './types.js';

/**
 * aapt2's protobuf XML (`aapt2 link --proto-format`, the manifests and res/xml files of an app
 * bundle) decoded into the same tree as binary XML. Field numbers are those of aapt2's
 * `frameworks/base/tools/aapt2/Resources.proto` (package aapt.pb):
 *   XmlNode      1 element, 2 text, 3 source
 *   XmlElement   1 namespace_declaration, 2 namespace_uri, 3 name, 4 attribute, 5 child
 *   XmlNamespace 1 prefix, 2 uri
 *   XmlAttribute 1 namespace_uri, 2 name, 3 value, 4 source, 5 resource_id, 6 compiled_item
 *   SourcePosition 1 line_number
 * A compiled value (Item) becomes the Res_value Android would have read from binary XML.
 */

/** A compiled value: the Res_value (type, data) and its string, as decodeItem gives it. */
export interface ProtoValue {
  type: number;
  data: number;
  str: string | null;
}

/**
 * aapt.pb.Item (1 ref, 2 str, 3 raw_str, 4 styled_str, 5 file, 6 id, 7 prim) as a Res_value.
 * Reference: 1 type (0 @, 1 ?attr), 2 id. Primitive: the oneof of Res_value types.
 */
export function decodeItem(bytes: Uint8Array, entry?: string): ProtoValue | undefined {
  for (const f of protoFields(bytes, entry)) {
    switch (f.no) {
      case 1: {
        let type = 0;
        let id = 0;
        for (const r of protoFields(f.bytes, entry)) {
          if (r.no === 1) type = r.num;
          else if (r.no === 2) id = r.num >>> 0;
        }
        return { type: type === 1 ? TYPE_ATTRIBUTE : TYPE_REFERENCE, data: id, str: null };
      }
      case 2:
      case 3:
      case 4:
      case 5: {
        // String, RawString, StyledString: 1 value; FileReference: 1 path.
        let s = '';
        for (const r of protoFields(f.bytes, entry)) if (r.no === 1) s = protoString(r);
        return { type: TYPE_STRING, data: 0, str: s };
      }
      case 6:
        return { type: TYPE_INT_BOOLEAN, data: 0, str: null };
      case 7:
        return decodePrimitive(f.bytes, entry);
      default:
        break;
    }
  }
  return undefined;
}

/** Primitive's oneof (Resources.proto): field number → Res_value dataType. */
const PRIMITIVE_TYPES: ReadonlyMap<number, number> = new Map([
  [3, TYPE_FLOAT],
  [4, TYPE_DIMENSION],
  [5, TYPE_FRACTION],
  [6, TYPE_INT_DEC],
  [7, TYPE_INT_HEX],
  [8, TYPE_INT_BOOLEAN],
  [9, TYPE_INT_COLOR_ARGB8],
  [10, TYPE_INT_COLOR_RGB8],
  [11, TYPE_INT_COLOR_ARGB4],
  [12, TYPE_INT_COLOR_RGB4],
  [13, TYPE_DIMENSION],
  [14, TYPE_FRACTION],
]);

function decodePrimitive(bytes: Uint8Array, entry?: string): ProtoValue {
  for (const f of protoFields(bytes, entry)) {
    if (f.no === 1) return { type: TYPE_NULL, data: 0, str: null };
    if (f.no === 2) return { type: TYPE_NULL, data: 1, str: null };
    const type = PRIMITIVE_TYPES.get(f.no);
    if (type === undefined) continue;
    return { type, data: primitiveData(f), str: null };
  }
  return { type: TYPE_NULL, data: 0, str: null };
}

function primitiveData(f: ProtoField): number {
  switch (f.no) {
    case 3:
      return f.num >>> 0; // float bits, as in Res_value
    case 4:
    case 5: {
      // Deprecated float-encoded dimension/fraction: keep the value, not its complex encoding.
      const v = protoFloat(f);
      return Math.round(v) >>> 0;
    }
    case 6:
      return protoInt32(f) >>> 0;
    case 8:
      // Android stores true as 0xffffffff.
      return f.num !== 0 ? 0xffffffff : 0;
    default:
      return f.num >>> 0;
  }
}

/** Decodes a proto XmlNode document (its root node) into an XmlDocument. */
export function decodeProtoXml(bytes: Uint8Array, opts: { entry?: string } = {}): XmlDocument {
  const entry = opts.entry;
  let root: XmlElement | undefined;
  for (const f of protoFields(bytes, entry)) {
    if (f.no === 1 && f.wire === 2) root = readElement(f.bytes, entry, 0, 0);
  }
  if (root === undefined) throw new PledgeError('E_AXML_NO_ROOT', 'protobuf XML has no root element', { entry });
  return { root, extraRoots: [], source: 'binary' };
}

function readElement(bytes: Uint8Array, entry: string | undefined, depth: number, line: number): XmlElement {
  if (depth > MAX_PROTO_DEPTH) throw new PledgeError('E_PROTO_MALFORMED', `XML nested deeper than ${MAX_PROTO_DEPTH} elements`, { entry });
  const el: XmlElement = { name: '', ns: null, attrs: [], children: [], line, offset: 0 };
  const nsDecls: { prefix: string; uri: string }[] = [];
  let text = '';
  for (const f of protoFields(bytes, entry)) {
    switch (f.no) {
      case 1: {
        let prefix = '';
        let uri = '';
        for (const n of protoFields(f.bytes, entry)) {
          if (n.no === 1) prefix = protoString(n);
          else if (n.no === 2) uri = protoString(n);
        }
        nsDecls.push({ prefix, uri });
        break;
      }
      case 2: {
        const ns = protoString(f);
        el.ns = ns === '' ? null : ns;
        break;
      }
      case 3:
        el.name = protoString(f);
        break;
      case 4:
        el.attrs.push(readAttribute(f.bytes, entry));
        break;
      case 5: {
        let childLine = 0;
        let child: Uint8Array | undefined;
        let childText: string | undefined;
        for (const n of protoFields(f.bytes, entry)) {
          if (n.no === 1) child = n.bytes;
          else if (n.no === 2) childText = protoString(n);
          else if (n.no === 3) for (const s of protoFields(n.bytes, entry)) if (s.no === 1) childLine = s.num;
        }
        if (child !== undefined) el.children.push(readElement(child, entry, depth + 1, childLine));
        else if (childText !== undefined) text += childText;
        break;
      }
      default:
        break;
    }
  }
  if (nsDecls.length > 0) el.nsDecls = nsDecls;
  if (text.trim() !== '') el.text = text;
  return el;
}

function readAttribute(bytes: Uint8Array, entry: string | undefined): XmlAttribute {
  let ns: string | null = null;
  let name = '';
  let raw: string | null = null;
  let resId = 0;
  let item: ProtoValue | undefined;
  for (const f of protoFields(bytes, entry)) {
    if (f.no === 1) {
      const s = protoString(f);
      ns = s === '' ? null : s;
    } else if (f.no === 2) name = protoString(f);
    else if (f.no === 3) raw = protoString(f);
    else if (f.no === 5) resId = f.num >>> 0;
    else if (f.no === 6) item = decodeItem(f.bytes, entry);
  }
  // No compiled value: a plain string, as aapt2 keeps attributes it does not compile.
  const v = item ?? { type: TYPE_STRING, data: 0, str: raw ?? '' };
  return { ns, name, resId, type: v.type, data: v.data, str: v.type === TYPE_STRING ? v.str : raw, raw };
}
