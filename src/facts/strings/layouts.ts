import type { ResourceTable } from '../../arsc/index.js';
import { TYPE_REFERENCE, TYPE_DYNAMIC_REFERENCE, TYPE_STRING, type XmlAttribute, type XmlElement } from '../../axml/types.js';
import { attrBoolean, findAttr } from '../../axml/values.js';
import type { CheckedToggle } from './types.js';

/** android:* attributes that carry text a user reads (framework resource IDs). */
export const TEXT_ATTRS: ReadonlyMap<number, string> = new Map([
  [0x01010001, 'label'],
  [0x0101014f, 'text'],
  [0x01010150, 'hint'],
  [0x01010124, 'textOn'],
  [0x01010125, 'textOff'],
  [0x010101e1, 'title'],
  [0x010101e2, 'titleCondensed'],
  [0x010101e9, 'summary'],
  [0x010101ef, 'summaryOn'],
  [0x010101f0, 'summaryOff'],
  [0x010101f2, 'dialogTitle'],
  [0x010101f3, 'dialogMessage'],
  [0x010101f5, 'positiveButtonText'],
  [0x010101f6, 'negativeButtonText'],
  [0x01010273, 'contentDescription'],
  [0x01010358, 'queryHint'],
  [0x0101036b, 'switchTextOn'],
  [0x0101036c, 'switchTextOff'],
  [0x01010534, 'tooltipText'],
]);

const ATTR_TEXT = 0x0101014f;
const ATTR_CONTENT_DESCRIPTION = 0x01010273;
const ATTR_CHECKED = 0x01010106;

/**
 * Attributes of the app's own (or a library's) namespace are identified by name: their resource
 * IDs (0x7f…) differ per build. AppCompat, Material and androidx.preference declare these.
 */
const APP_TEXT_ATTR_NAMES = new Set(['text', 'title', 'hint', 'summary']);

/** Simple class names of the framework's checkable widgets; subclasses end with one of them. */
const TOGGLE_NAMES = ['CheckBox', 'Switch', 'SwitchCompat', 'ToggleButton', 'CheckedTextView', 'RadioButton'];

/** Text found in one element of a compiled XML file. */
export interface ElementText {
  /** `text`, `hint`, `app:title`, `#text` (character data). */
  attr: string;
  text: string;
  line: number;
  path: string;
}

export interface XmlTexts {
  texts: ElementText[];
  toggles: CheckedToggle[];
  /** Whether texts or toggles were left out for `maxTexts` / `maxToggles`. */
  textsCapped: boolean;
  togglesCapped: boolean;
}

/** Resolves text attributes: inline strings as they are, references in the default configuration. */
export class TextResolver {
  constructor(private readonly table: ResourceTable | undefined) {}

  text(a: XmlAttribute): string | undefined {
    if (a.type === TYPE_STRING) return a.str ?? undefined;
    if (a.type === TYPE_REFERENCE || a.type === TYPE_DYNAMIC_REFERENCE) return a.data === 0 ? undefined : this.table?.resolveString(a.data);
    return undefined;
  }

  /** android:checked: a boolean, `"true"`, or a reference to a bool resource. */
  checked(a: XmlAttribute | undefined): boolean {
    if (a === undefined) return false;
    if (a.type === TYPE_REFERENCE || a.type === TYPE_DYNAMIC_REFERENCE) return this.table?.resolveBoolean(a.data) === true;
    return attrBoolean(a) === true;
  }
}

/** Whether an element's tag names a checkable widget (CheckBox, AppCompatCheckBox, SwitchMaterial, …). */
export function isToggleTag(tag: string): boolean {
  const simple = tag.slice(tag.lastIndexOf('.') + 1);
  return TOGGLE_NAMES.some((n) => simple.endsWith(n)) || simple.startsWith('Switch');
}

/** The name an attribute is reported under, or undefined when it carries no user text. */
function textAttrName(a: XmlAttribute): string | undefined {
  const known = TEXT_ATTRS.get(a.resId);
  if (known !== undefined) return known;
  if ((a.resId === 0 || a.resId >>> 24 === 0x7f) && APP_TEXT_ATTR_NAMES.has(a.name)) return `app:${a.name}`;
  return undefined;
}

const MAX_SIBLING_TEXTS = 20;
const MAX_DEPTH = 256;

/**
 * Every user-visible text of a compiled layout, menu or XML resource (attributes in TEXT_ATTRS,
 * app-namespace text/title/hint/summary, character data), and — for layouts — every checkable
 * widget declared checked, with its own text and its siblings'. Element paths are
 * `/LinearLayout/CheckBox[2]` (the index counts same-named siblings, shown when there are several).
 * At most `maxTexts` texts and `maxToggles` toggles are returned.
 */
export function collectXmlTexts(root: XmlElement, resolver: TextResolver, opts: { entry: string; toggles: boolean; maxTexts: number; maxToggles: number }): XmlTexts {
  const texts: ElementText[] = [];
  const toggles: CheckedToggle[] = [];
  let textsCapped = false;
  let togglesCapped = false;
  const own = new Map<XmlElement, string[]>();
  const ownTexts = (el: XmlElement): string[] => {
    let hit = own.get(el);
    if (hit === undefined) {
      hit = [];
      for (const a of el.attrs) {
        if (textAttrName(a) === undefined) continue;
        const t = resolver.text(a);
        if (t !== undefined && t.trim() !== '') hit.push(t);
      }
      if (el.text !== undefined && el.text.trim() !== '') hit.push(el.text);
      own.set(el, hit);
    }
    return hit;
  };
  const addText = (t: ElementText): void => {
    if (texts.length < opts.maxTexts) texts.push(t);
    else textsCapped = true;
  };
  const walk = (el: XmlElement, path: string, siblings: readonly XmlElement[], depth: number): void => {
    if (textsCapped || depth > MAX_DEPTH) return;
    for (const a of el.attrs) {
      const name = textAttrName(a);
      if (name === undefined) continue;
      const t = resolver.text(a);
      if (t !== undefined && t.trim() !== '') addText({ attr: name, text: t, line: el.line, path });
    }
    if (el.text !== undefined && el.text.trim() !== '') addText({ attr: '#text', text: el.text, line: el.line, path });
    if (opts.toggles && isToggleTag(el.name) && resolver.checked(findAttr(el, ATTR_CHECKED))) {
      if (toggles.length >= opts.maxToggles) {
        togglesCapped = true;
      } else {
        const ta = findAttr(el, ATTR_TEXT) ?? findAttr(el, ATTR_CONTENT_DESCRIPTION);
        toggles.push({
          location: { kind: 'file', entry: opts.entry, line: el.line },
          path,
          widget: el.name,
          text: (ta === undefined ? undefined : resolver.text(ta)) ?? '',
          siblingText: siblingTexts(el, siblings, ownTexts),
        });
      }
    }
    const counts = new Map<string, number>();
    for (const c of el.children) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const c of el.children) {
      const k = (seen.get(c.name) ?? 0) + 1;
      seen.set(c.name, k);
      walk(c, `${path}/${c.name}${(counts.get(c.name) ?? 0) > 1 ? `[${k}]` : ''}`, el.children, depth + 1);
    }
  };
  walk(root, `/${root.name}`, [root], 0);
  return { texts, toggles, textsCapped, togglesCapped };
}

/** Siblings looked at per toggle, nearest first, and elements visited in their subtrees. */
const MAX_SIBLINGS = 64;
const MAX_SIBLING_NODES = 512;

/**
 * Text of the elements beside a toggle, nearest first (the label of a consent box is usually
 * next to it), each sibling's subtree included; bounded so that a hostile layout with a huge
 * parent cannot make this quadratic.
 */
function siblingTexts(el: XmlElement, siblings: readonly XmlElement[], ownTexts: (el: XmlElement) => string[]): string[] {
  const out: string[] = [];
  const at = siblings.indexOf(el);
  const budget = { nodes: MAX_SIBLING_NODES };
  for (let d = 1, seen = 0; seen < MAX_SIBLINGS && out.length < MAX_SIBLING_TEXTS && (at - d >= 0 || at + d < siblings.length); d++) {
    for (const i of [at - d, at + d]) {
      const s = siblings[i];
      if (s === undefined || i < 0) continue;
      seen++;
      collectSubtree(s, ownTexts, out, 0, budget);
    }
  }
  return out.slice(0, MAX_SIBLING_TEXTS);
}

function collectSubtree(el: XmlElement, ownTexts: (el: XmlElement) => string[], out: string[], depth: number, budget: { nodes: number }): void {
  if (out.length >= MAX_SIBLING_TEXTS || depth > 8 || budget.nodes-- <= 0) return;
  for (const t of ownTexts(el)) if (out.length < MAX_SIBLING_TEXTS) out.push(t);
  for (const c of el.children) collectSubtree(c, ownTexts, out, depth + 1, budget);
}
