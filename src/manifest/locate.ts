import { ANDROID_NS, type XmlAttribute, type XmlDocument, type XmlElement } from '../axml/types.js';
import { qualifyClassName } from './build.js';

/** android:name's resource ID. */
const ATTR_NAME = 0x01010003;

/** One step of an evidence path (`/manifest/application/provider[@android:name='a.B']/@android:exported`). */
type Step = { kind: 'element'; name: string; key?: string; index?: number } | { kind: 'attribute'; prefix: string; name: string };

/**
 * Splits an evidence path into its steps. Keys are quoted as written and never escaped, so a key
 * ends at the first `']` that closes the step (followed by `/` or the end). Undefined for a path
 * this grammar does not describe.
 */
export function parseEvidencePath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] !== '/') return undefined;
    i++;
    if (path[i] === '@') {
      const attr = path.slice(i + 1);
      if (attr === '' || attr.includes('/')) return undefined;
      const colon = attr.indexOf(':');
      steps.push(colon < 0 ? { kind: 'attribute', prefix: '', name: attr } : { kind: 'attribute', prefix: attr.slice(0, colon), name: attr.slice(colon + 1) });
      return steps;
    }
    let j = i;
    while (j < path.length && path[j] !== '/' && path[j] !== '[') j++;
    const name = path.slice(i, j);
    if (name === '') return undefined;
    if (path[j] !== '[') {
      steps.push({ kind: 'element', name });
      i = j;
      continue;
    }
    const keyed = "[@android:name='";
    if (path.startsWith(keyed, j)) {
      let close = path.indexOf("']", j + keyed.length);
      while (close >= 0 && close + 2 < path.length && path[close + 2] !== '/') close = path.indexOf("']", close + 1);
      if (close < 0) return undefined;
      steps.push({ kind: 'element', name, key: path.slice(j + keyed.length, close) });
      i = close + 2;
      continue;
    }
    const m = /^\[(\d+)\]/.exec(path.slice(j));
    if (m === null) return undefined;
    steps.push({ kind: 'element', name, index: Number(m[1]) });
    i = j + m[0].length;
  }
  return steps;
}

export interface PathPosition {
  line: number;
  column?: number;
  /** The attribute the path names is not written on the element: the position is the element's. */
  attributeMissing?: boolean;
}

function androidName(el: XmlElement): string | undefined {
  const a = el.attrs.find((x) => x.resId === ATTR_NAME || (x.ns === ANDROID_NS && x.name === 'name'));
  return a?.raw ?? a?.str ?? undefined;
}

function attributeOf(el: XmlElement, step: { prefix: string; name: string }): XmlAttribute | undefined {
  if (step.prefix === 'android') return el.attrs.find((a) => a.ns === ANDROID_NS && a.name === step.name);
  if (step.prefix === '') return el.attrs.find((a) => a.ns === null && a.name === step.name);
  return el.attrs.find((a) => a.ns !== null && a.ns !== ANDROID_NS && a.name === step.name);
}

function position(x: { line: number; column?: number } | undefined): PathPosition | undefined {
  if (x === undefined || !(x.line > 0)) return undefined;
  return x.column === undefined ? { line: x.line } : { line: x.line, column: x.column };
}

/**
 * The element (or attribute) an evidence path names in a plain-text manifest, by the same rules
 * the manifest builder made the path with: components by their class name qualified against
 * `pkg` (`.Main` and `Main` are relative), other keyed elements by android:name as written,
 * `intent-filter[2]` by position. Undefined when an element of the path is not in the document
 * (merged from a library, say) or the document carries no positions (binary XML); an attribute
 * that is not written (a default) gives the element's position.
 */
export function locateEvidencePath(doc: XmlDocument, path: string, pkg: string): PathPosition | undefined {
  const steps = parseEvidencePath(path);
  const first = steps?.[0];
  if (steps === undefined || first === undefined || first.kind !== 'element' || first.name !== doc.root.name) return undefined;
  let el: XmlElement = doc.root;
  for (const step of steps.slice(1)) {
    if (step.kind === 'attribute') {
      const a = attributeOf(el, step);
      const at = position(a?.line === undefined ? undefined : { line: a.line, ...(a.column === undefined ? {} : { column: a.column }) });
      if (at !== undefined) return at;
      const own = position(el);
      return own === undefined ? undefined : { ...own, attributeMissing: true };
    }
    const named = el.children.filter((c) => c.name === step.name);
    let next: XmlElement | undefined;
    if (step.key !== undefined) {
      const key = step.key;
      next = named.find((c) => {
        const v = androidName(c)?.trim();
        return v !== undefined && (v === key || qualifyClassName(pkg, v) === key);
      });
    } else if (step.index !== undefined) next = named[step.index - 1];
    else next = named[0];
    if (next === undefined) return undefined;
    el = next;
  }
  return position(el);
}
