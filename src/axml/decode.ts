import { ByteCursor } from '../util/cursor.js';
import { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { type Limits, DEFAULT_LIMITS } from '../util/limits.js';
import { ANDROID_ATTR_NAMES } from './android-attrs.js';
import {
  chunkProblem,
  readChunkHeader,
  RES_STRING_POOL_TYPE,
  RES_XML_CDATA_TYPE,
  RES_XML_END_ELEMENT_TYPE,
  RES_XML_END_NAMESPACE_TYPE,
  RES_XML_FIRST_CHUNK_TYPE,
  RES_XML_LAST_CHUNK_TYPE,
  RES_XML_RESOURCE_MAP_TYPE,
  RES_XML_START_ELEMENT_TYPE,
  RES_XML_START_NAMESPACE_TYPE,
  RES_XML_TYPE,
} from './chunk.js';
import { StringPool } from './string-pool.js';
import { TYPE_STRING, type XmlAttribute, type XmlDocument, type XmlElement } from './types.js';

export interface DecodeOptions {
  /** APK entry name, for errors and diagnostics. */
  entry?: string;
  limits?: Limits;
  diagnostics?: DiagnosticSink;
}

/** sizeof(ResXMLTree_node): chunk header + lineNumber + comment. */
const NODE_HEADER = 16;
const ATTR_EXT = 20;
const NS_EXT = 8;
const END_EXT = 8;
const CDATA_EXT = 12;
const ATTRIBUTE_SIZE = 20;
const NO_INDEX = 0xffffffff;

/** True when the bytes look like binary XML (a chunk header of a plausible XML document). */
export function looksLikeAxml(buf: Uint8Array): boolean {
  if (buf.length < 8) return false;
  const type = buf[0]! | (buf[1]! << 8);
  const headerSize = buf[2]! | (buf[3]! << 8);
  return (type === RES_XML_TYPE || type === 0) && headerSize === 8;
}

/**
 * Decodes Android binary XML into an XmlDocument, following androidfw's ResXMLTree::setTo and
 * ResXMLParser::nextNode: what Android reads, we read; what makes Android reject the document
 * is a PledgeError; what Android silently tolerates is repaired and recorded as a diagnostic.
 */
export function decodeAxml(buf: Uint8Array, options: DecodeOptions = {}): XmlDocument {
  const entry = options.entry;
  const limits = options.limits ?? DEFAULT_LIMITS;
  const diags = options.diagnostics ?? new DiagnosticSink(limits.maxDiagnostics);
  const c = new ByteCursor(buf, 'E_AXML_BAD_CHUNK', entry);

  if (buf.length < 8) throw new PledgeError('E_AXML_BAD_HEADER', `binary XML of ${buf.length} bytes is too short`, { entry, offset: 0 });
  const header = readChunkHeader(c, 0);
  if (header.type !== RES_XML_TYPE) {
    // androidfw never checks this type; malware sets it to 0 to break other parsers.
    diags.add('W_AXML_SIZE_MISMATCH', `document chunk type is 0x${header.type.toString(16)}, not RES_XML_TYPE`, entry, 0);
  }
  if (header.headerSize < 8 || header.headerSize > buf.length || (header.headerSize > header.size && header.size <= buf.length)) {
    throw new PledgeError('E_AXML_BAD_HEADER', `document header size ${header.headerSize} is invalid (document size ${header.size}, data ${buf.length})`, { entry, offset: 0 });
  }
  let dataEnd = header.size;
  if (header.size > buf.length) {
    diags.add('W_AXML_SIZE_MISMATCH', `header declares ${header.size} bytes, the data has ${buf.length}; read to the end of the data`, entry, 4);
    dataEnd = buf.length;
  } else if (header.size < buf.length) {
    diags.add('W_AXML_SIZE_MISMATCH', `${buf.length - header.size} bytes after the declared document end are ignored`, entry, header.size);
  }

  // Preamble: string pool, resource map and unknown chunks in any order, up to the first node.
  let pool: StringPool | undefined;
  let resIds: Uint32Array = new Uint32Array(0);
  let p = header.headerSize;
  let firstNode = -1;
  while (p + 8 <= dataEnd) {
    const h = readChunkHeader(c, p);
    if (h.size > dataEnd - p) break; // androidfw's loop condition: the walk ends, no error
    const problem = chunkProblem(h, 8, dataEnd);
    if (problem !== undefined) {
      throw new PledgeError('E_AXML_BAD_CHUNK', `chunk type 0x${h.type.toString(16)}: ${problem}`, { entry, offset: p });
    }
    if (h.type === RES_STRING_POOL_TYPE) {
      if (pool !== undefined) diags.add('W_AXML_UNKNOWN_CHUNK', 'a second string pool replaces the first, as in Android', entry, p);
      pool = StringPool.read(c, h, limits.maxStringPoolEntries, diags);
    } else if (h.type === RES_XML_RESOURCE_MAP_TYPE) {
      const n = Math.floor((h.size - h.headerSize) / 4);
      resIds = new Uint32Array(n);
      for (let i = 0; i < n; i++) resIds[i] = c.u32At(p + h.headerSize + i * 4);
    } else if (h.type >= RES_XML_FIRST_CHUNK_TYPE && h.type <= RES_XML_LAST_CHUNK_TYPE) {
      firstNode = p;
      break;
    } else {
      diags.add('W_AXML_UNKNOWN_CHUNK', `unknown chunk type 0x${h.type.toString(16)} skipped`, entry, p);
    }
    p += h.size;
  }
  if (firstNode < 0) throw new PledgeError('E_AXML_NO_ROOT', 'no XML node found after the string pool', { entry, offset: p });
  if (pool === undefined) throw new PledgeError('E_AXML_BAD_STRING_POOL', 'no string pool before the first XML node', { entry, offset: firstNode });
  const strings = pool;
  const str = (idx: number): string | null => (idx === NO_INDEX ? null : (strings.get(idx) ?? null));

  const roots: XmlElement[] = [];
  const stack: XmlElement[] = [];
  let pendingNs: { prefix: string; uri: string }[] = [];
  let openNs = 0;
  let nodes = 0;
  let masked = 0;
  let rootClosed = false;

  p = firstNode;
  while (p < dataEnd) {
    if (p + 8 > dataEnd) {
      diags.add('W_AXML_SIZE_MISMATCH', `${dataEnd - p} stray bytes at the end of the document`, entry, p);
      break;
    }
    const h = readChunkHeader(c, p);
    const problem = chunkProblem(h, NODE_HEADER, dataEnd);
    if (problem !== undefined) {
      if (rootClosed) {
        diags.add('W_AXML_NODE_SKIPPED', `malformed data after the root element ignored (${problem})`, entry, p);
        break;
      }
      throw new PledgeError('E_AXML_BAD_CHUNK', `XML node type 0x${h.type.toString(16)}: ${problem}`, { entry, offset: p });
    }
    if (++nodes > limits.maxXmlNodes) {
      throw new PledgeError('E_LIMIT_XML_NODES', `document has more than ${limits.maxXmlNodes} nodes (maxXmlNodes)`, { entry, offset: p });
    }
    const ext = p + h.headerSize;
    const extSize = h.size - h.headerSize;
    const line = c.u32At(p + 8);
    const need = (min: number, what: string): void => {
      if (extSize < min) throw new PledgeError('E_AXML_BAD_CHUNK', `${what} node has ${extSize} bytes of data, needs ${min}`, { entry, offset: p });
    };
    switch (h.type) {
      case RES_XML_START_NAMESPACE_TYPE: {
        need(NS_EXT, 'start-namespace');
        pendingNs.push({ prefix: str(c.u32At(ext)) ?? '', uri: str(c.u32At(ext + 4)) ?? '' });
        openNs++;
        break;
      }
      case RES_XML_END_NAMESPACE_TYPE: {
        need(NS_EXT, 'end-namespace');
        if (openNs === 0) diags.add('W_AXML_NAMESPACE_ODD', 'end of a namespace that was never started', entry, p);
        else openNs--;
        break;
      }
      case RES_XML_START_ELEMENT_TYPE: {
        need(ATTR_EXT, 'start-element');
        if (rootClosed) {
          // Android's package parser stops at the end of the first root element.
          diags.add('W_AXML_NODE_SKIPPED', 'a second root element is ignored, as Android ignores it', entry, p);
          p = dataEnd;
          continue;
        }
        const attrStart = c.u16At(ext + 8);
        const attrSize = c.u16At(ext + 10);
        const attrCount = c.u16At(ext + 12);
        if (attrStart + attrSize * attrCount > extSize) {
          throw new PledgeError('E_AXML_BAD_CHUNK', `element attributes use ${attrStart + attrSize * attrCount} bytes, the node has ${extSize}`, { entry, offset: p });
        }
        const el: XmlElement = {
          name: str(c.u32At(ext + 4)) ?? '',
          ns: str(c.u32At(ext)),
          attrs: [],
          children: [],
          line,
          offset: p,
        };
        if (pendingNs.length > 0) {
          el.nsDecls = pendingNs;
          pendingNs = [];
        }
        for (let i = 0; i < attrCount; i++) {
          const a = ext + attrStart + i * attrSize;
          // Android reads 20 bytes per attribute whatever attributeSize says; they must exist.
          if (a + ATTRIBUTE_SIZE > dataEnd) {
            throw new PledgeError('E_AXML_BAD_CHUNK', `attribute ${i} runs past the end of the document`, { entry, offset: a });
          }
          const nameIdx = c.u32At(a + 4);
          const rawIdx = c.u32At(a + 8);
          const type = c.u8At(a + 15);
          const data = c.u32At(a + 16);
          const resId = nameIdx < resIds.length ? (resIds[nameIdx] as number) : 0;
          const name = str(nameIdx) ?? '';
          const raw = str(rawIdx);
          const attr: XmlAttribute = {
            ns: str(c.u32At(a)),
            name,
            resId,
            type,
            data,
            str: type === TYPE_STRING ? (str(data) ?? raw) : raw,
            raw,
          };
          if (resId >>> 16 === 0x0101 && masked < 20) {
            const canonical = ANDROID_ATTR_NAMES.get(resId);
            if (canonical !== undefined && canonical !== name) {
              masked++;
              diags.add('W_AXML_NAME_MASKED', `attribute named ${JSON.stringify(name.slice(0, 60))} has the resource ID of android:${canonical}; read as android:${canonical}`, entry, a);
            }
          }
          el.attrs.push(attr);
        }
        const parent = stack[stack.length - 1];
        if (parent !== undefined) parent.children.push(el);
        else roots.push(el);
        if (stack.length >= limits.maxXmlDepth) throw new PledgeError('E_LIMIT_XML_DEPTH', `elements nest deeper than ${limits.maxXmlDepth} (maxXmlDepth)`, { entry, offset: p });
        stack.push(el);
        break;
      }
      case RES_XML_END_ELEMENT_TYPE: {
        need(END_EXT, 'end-element');
        const el = stack.pop();
        if (el === undefined) {
          diags.add('W_AXML_NODE_SKIPPED', 'end of an element that was never started', entry, p);
        } else {
          const name = str(c.u32At(ext + 4)) ?? '';
          if (name !== el.name) diags.add('W_AXML_NODE_SKIPPED', `end tag </${name.slice(0, 60)}> closes <${el.name.slice(0, 60)}>`, entry, p);
          if (stack.length === 0) rootClosed = true;
        }
        break;
      }
      case RES_XML_CDATA_TYPE: {
        need(CDATA_EXT, 'cdata');
        const text = str(c.u32At(ext));
        const parent = stack[stack.length - 1];
        if (text !== null && parent !== undefined) parent.text = (parent.text ?? '') + text;
        break;
      }
      default:
        diags.add('W_AXML_UNKNOWN_CHUNK', `unknown node type 0x${h.type.toString(16)} skipped`, entry, p);
    }
    p += h.size;
  }
  if (stack.length > 0) diags.add('W_AXML_TRUNCATED', `${stack.length} elements still open at the end of the document`, entry, dataEnd);
  if (openNs > 0 && roots.length > 0) diags.add('W_AXML_NAMESPACE_ODD', `${openNs} namespaces never ended`, entry, dataEnd);
  const root = roots[0];
  if (root === undefined) throw new PledgeError('E_AXML_NO_ROOT', 'the document has no element', { entry, offset: firstNode });
  return { root, extraRoots: roots.slice(1), source: 'binary' };
}
