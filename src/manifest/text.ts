import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { androidAttrId } from '../axml/android-attrs.js';
import { ANDROID_NS, TYPE_STRING, type XmlAttribute, type XmlDocument, type XmlElement } from '../axml/types.js';
import { PledgeError } from '../util/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../util/limits.js';
import { elementPositions, type ElementPosition } from './positions.js';


type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses a plain-text AndroidManifest.xml (a source or merged manifest in a build pipeline) into
 * the same tree the binary decoder builds. Android attributes get the resource ID aapt would
 * give them, so every rule reads both inputs the same way.
 */
export function parseTextXml(text: string, entry = 'AndroidManifest.xml', limits: Pick<Limits, 'maxTextXmlChars' | 'maxXmlDepth'> = DEFAULT_LIMITS): XmlDocument {
  if (text.length > limits.maxTextXmlChars) {
    throw new PledgeError('E_INPUT_TOO_LARGE', `plain-text XML of ${text.length} characters exceeds ${limits.maxTextXmlChars} (maxTextXmlChars)`, { entry });
  }
  // Entity declarations are how XML bombs start; no Android manifest needs them.
  if (/<!DOCTYPE[^>]*\[|<!ENTITY/i.test(text)) {
    throw new PledgeError('E_XML_SYNTAX', 'DOCTYPE with entity declarations is not accepted', { entry });
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    throw new PledgeError('E_XML_SYNTAX', `line ${valid.err.line}: ${valid.err.msg}`, { entry });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: '#comment',
  });
  const tree = parser.parse(text) as OrderedNode[];
  const roots: XmlElement[] = [];
  const positions: Positions = { list: elementPositions(text), next: 0, ok: true };
  for (const node of tree) {
    const el = convert(node, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 0, entry, limits.maxXmlDepth, positions);
    if (el !== undefined) roots.push(el);
  }
  const root = roots[0];
  if (root === undefined) throw new PledgeError('E_XML_SYNTAX', 'the document has no element', { entry });
  return { root, extraRoots: roots.slice(1), source: 'text' };
}

function tagOf(node: OrderedNode): string | undefined {
  for (const k of Object.keys(node)) if (k !== ':@' && k !== '#text' && k !== '#comment') return k;
  return undefined;
}

/** The scanner's start tags, consumed in document order while the parser's tree is converted. */
interface Positions {
  list: ElementPosition[];
  next: number;
  /** Cleared at the first element the two disagree on: no position after it is trusted. */
  ok: boolean;
}

function takePosition(p: Positions, tag: string, depth: number): ElementPosition | undefined {
  if (!p.ok) return undefined;
  const pos = p.list[p.next++];
  if (pos === undefined || pos.name !== tag || pos.depth !== depth) {
    p.ok = false;
    return undefined;
  }
  return pos;
}

function convert(node: OrderedNode, scope: Map<string, string>, depth: number, entry: string, maxDepth: number, positions: Positions): XmlElement | undefined {
  const tag = tagOf(node);
  if (tag === undefined) return undefined;
  if (depth > maxDepth) throw new PledgeError('E_LIMIT_XML_DEPTH', `elements nest deeper than ${maxDepth} (maxXmlDepth)`, { entry });
  const pos = takePosition(positions, tag, depth);
  // A map, not a search per attribute: an element may carry very many.
  const attrPositions = pos === undefined ? undefined : new Map(pos.attrs.map((x) => [x.name, x] as const));
  const rawAttrs = node[':@'] ?? {};
  const local = new Map(scope);
  const nsDecls: { prefix: string; uri: string }[] = [];
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns') local.set('', v);
    else if (k.startsWith('xmlns:')) {
      local.set(k.slice(6), v);
      nsDecls.push({ prefix: k.slice(6), uri: v });
    }
  }
  const attrs: XmlAttribute[] = [];
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const colon = k.indexOf(':');
    const prefix = colon >= 0 ? k.slice(0, colon) : '';
    const name = colon >= 0 ? k.slice(colon + 1) : k;
    const ns = colon >= 0 ? (local.get(prefix) ?? null) : null;
    const resId = ns === ANDROID_NS ? (androidAttrId(name) ?? 0) : 0;
    const value = String(v);
    const attr: XmlAttribute = { ns, name, resId, type: TYPE_STRING, data: 0, str: value, raw: value };
    const at = attrPositions?.get(k);
    if (at !== undefined) {
      attr.line = at.line;
      attr.column = at.column;
    }
    attrs.push(attr);
  }
  const [elPrefix, elLocal] = tag.includes(':') ? [tag.slice(0, tag.indexOf(':')), tag.slice(tag.indexOf(':') + 1)] : ['', tag];
  const el: XmlElement = {
    name: elLocal,
    ns: elPrefix !== '' ? (local.get(elPrefix) ?? null) : null,
    attrs,
    children: [],
    line: pos?.line ?? 0,
    offset: 0,
  };
  if (pos !== undefined) el.column = pos.column;
  if (nsDecls.length > 0) el.nsDecls = nsDecls;
  const kids = node[tag];
  if (Array.isArray(kids)) {
    for (const k of kids as OrderedNode[]) {
      if (typeof k['#text'] === 'string') {
        el.text = (el.text ?? '') + k['#text'];
        continue;
      }
      const ch = convert(k, local, depth + 1, entry, maxDepth, positions);
      if (ch !== undefined) el.children.push(ch);
    }
  }
  return el;
}
