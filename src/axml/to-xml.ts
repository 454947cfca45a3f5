import { ANDROID_NS, type XmlDocument, type XmlElement } from './types.js';
import { displayName, formatValue } from './values.js';

/** Escapes text for an XML attribute value or text node, and makes control characters visible. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        // Not representable in XML 1.0: shown as an escape so that the output stays well-formed.
        return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
}

export interface ToXmlOptions {
  /** Replace an attribute value (e.g. resolve @0x7f… references); return undefined to keep it. */
  mapValue?: (el: XmlElement, attrIndex: number, text: string) => string | undefined;
}

/**
 * Prints the decoded tree as XML text, for `dump manifest`. Attribute names come from the
 * resource ID where it is an android attribute (a masked name string is not printed as if it
 * were true), and namespace prefixes come from the document's declarations.
 */
export function toXml(doc: XmlDocument, options: ToXmlOptions = {}): string {
  const prefixes = new Map<string, string>();
  let generated = 0;
  const prefixFor = (uri: string): string => {
    let p = prefixes.get(uri);
    if (p === undefined) {
      p = uri === ANDROID_NS ? 'android' : `ns${generated++}`;
      prefixes.set(uri, p);
    }
    return p;
  };
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const declared = new Set<string>();

  const walk = (el: XmlElement, depth: number): void => {
    for (const d of el.nsDecls ?? []) if (!prefixes.has(d.uri) && d.prefix !== '') prefixes.set(d.uri, safeName(d.prefix));
    const indent = '  '.repeat(depth);
    const attrs: string[] = [];
    el.attrs.forEach((a, i) => {
      const { ns, name } = displayName(a);
      const qname = ns === null || ns === '' ? safeName(name) : `${prefixFor(ns)}:${safeName(name)}`;
      let text = formatValue(a);
      const mapped = options.mapValue?.(el, i, text);
      if (mapped !== undefined) text = mapped;
      attrs.push(`${qname}="${escapeXml(text)}"`);
    });
    const tag = el.ns !== null && el.ns !== '' ? `${prefixFor(el.ns)}:${safeName(el.name)}` : safeName(el.name);
    // Declarations go on the element where they are first needed: the root, in practice.
    const decls: string[] = [];
    if (depth === 0) {
      collectNamespaces(el, prefixFor);
      for (const [uri, p] of prefixes) {
        if (!declared.has(uri)) {
          declared.add(uri);
          decls.push(`xmlns:${p}="${escapeXml(uri)}"`);
        }
      }
    }
    const head = [tag, ...decls, ...attrs].join(' ');
    const text = el.text !== undefined && el.text.trim() !== '' ? escapeXml(el.text) : '';
    if (el.children.length === 0 && text === '') {
      out.push(`${indent}<${head}/>`);
      return;
    }
    if (el.children.length === 0) {
      out.push(`${indent}<${head}>${text}</${tag}>`);
      return;
    }
    out.push(`${indent}<${head}>`);
    if (text !== '') out.push(`${indent}  ${text}`);
    for (const ch of el.children) walk(ch, depth + 1);
    out.push(`${indent}</${tag}>`);
  };
  walk(doc.root, 0);
  return `${out.join('\n')}\n`;
}

function collectNamespaces(el: XmlElement, prefixFor: (uri: string) => string): void {
  for (const a of el.attrs) {
    const { ns } = displayName(a);
    if (ns !== null && ns !== '') prefixFor(ns);
  }
  if (el.ns !== null && el.ns !== '') prefixFor(el.ns);
  for (const ch of el.children) collectNamespaces(ch, prefixFor);
}

/** Element and attribute names from hostile files can hold anything; keep the output parseable. */
function safeName(name: string): string {
  if (name === '') return '_';
  const cleaned = name.replace(/[^A-Za-z0-9_.\-\u00b7\u00c0-\ud7ff\uf900-\ufffd]/g, '_');
  return /^[A-Za-z_\u00c0-\ud7ff\uf900-\ufffd]/.test(cleaned) ? cleaned : `_${cleaned}`;
}
