import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A structural validator for the Jenkins/Ant junit-10.xsd (jenkinsci/xunit-plugin,
 * src/main/resources/org/jenkinsci/plugins/xunit/types/model/xsd/junit-10.xsd): which elements
 * may appear where, which attributes each allows or requires, which are text-only, the
 * SUREFIRE_TIME pattern, and the characters XML 1.0 allows. Written out rather than vendoring the
 * XSD because validating an XSD needs a dependency the project does not have.
 */
interface ElementRule {
  required: readonly string[];
  optional: readonly string[];
  children: readonly string[];
  /** Character data allowed (xs:string or mixed="true"). */
  text: boolean;
}

const RERUN: ElementRule = { required: ['type'], optional: ['message'], children: ['stackTrace', 'system-out', 'system-err'], text: true };
const TEXT_ONLY: ElementRule = { required: [], optional: [], children: [], text: true };
const OUTCOME: ElementRule = { required: [], optional: ['type', 'message'], children: [], text: true };

export const JUNIT_10: Record<string, ElementRule> = {
  testsuites: { required: [], optional: ['name', 'time', 'tests', 'failures', 'errors'], children: ['testsuite'], text: false },
  testsuite: {
    required: ['name', 'tests', 'failures', 'errors'],
    optional: ['group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    text: false,
  },
  properties: { required: [], optional: [], children: ['property'], text: false },
  property: { required: ['name', 'value'], optional: [], children: [], text: false },
  testcase: {
    required: ['name'],
    optional: ['time', 'classname', 'group'],
    children: ['skipped', 'error', 'failure', 'rerunFailure', 'rerunError', 'flakyFailure', 'flakyError', 'system-out', 'system-err'],
    text: false,
  },
  failure: OUTCOME,
  error: OUTCOME,
  skipped: OUTCOME,
  'system-out': TEXT_ONLY,
  'system-err': TEXT_ONLY,
  stackTrace: TEXT_ONLY,
  rerunFailure: RERUN,
  rerunError: RERUN,
  flakyFailure: RERUN,
  flakyError: RERUN,
};

const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;
/** Not in XML 1.0's Char production, or a lone surrogate. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

export interface ParsedElement {
  name: string;
  attrs: Record<string, string>;
  children: ParsedElement[];
  text: string;
}

/** fast-xml-parser leaves character references alone; an XML reader would not. */
function decodeRefs(s: string): string {
  return s.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_, n: string) => String.fromCodePoint(n.startsWith('x') ? parseInt(n.slice(1), 16) : Number(n)));
}

function convert(node: Node): ParsedElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return undefined;
  const kids = (node[name] as Node[] | undefined) ?? [];
  const attrs = Object.fromEntries(Object.entries(node[':@'] ?? {}).map(([k, v]) => [k, decodeRefs(v)]));
  const el: ParsedElement = { name, attrs, children: [], text: '' };
  for (const k of kids) {
    if ('#text' in k) el.text += decodeRefs(String(k['#text']));
    else {
      const c = convert(k);
      if (c !== undefined) el.children.push(c);
    }
  }
  return el;
}

export function parseJunit(xml: string): ParsedElement {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, parseAttributeValue: false, parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: false });
  const roots = (parser.parse(xml) as Node[]).map(convert).filter((e): e is ParsedElement => e !== undefined && e.name !== '?xml');
  if (roots.length !== 1 || roots[0] === undefined) throw new Error(`expected one root element, got ${roots.length}`);
  return roots[0];
}

/** Every problem found; an empty list means valid. */
export function validateJunit(xml: string): string[] {
  const problems: string[] = [];
  const bad = NOT_XML_CHAR.exec(xml);
  if (bad !== null) problems.push(`character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} is not allowed in XML 1.0 (at ${bad.index})`);
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) problems.push('missing XML declaration');
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return [...problems, `not well-formed: line ${wellFormed.err.line}: ${wellFormed.err.msg}`];
  const root = parseJunit(xml);
  if (root.name !== 'testsuites' && root.name !== 'testsuite') problems.push(`root element is <${root.name}>`);
  const walk = (el: ParsedElement, path: string): void => {
    const rule = JUNIT_10[el.name];
    if (rule === undefined) {
      problems.push(`${path}: <${el.name}> is not a junit-10 element`);
      return;
    }
    for (const a of rule.required) if (el.attrs[a] === undefined) problems.push(`${path}: missing required attribute ${a}`);
    for (const a of Object.keys(el.attrs)) if (!rule.required.includes(a) && !rule.optional.includes(a)) problems.push(`${path}: attribute ${a} is not allowed`);
    const time = el.attrs.time;
    if (time !== undefined && (el.name === 'testsuite' || el.name === 'testsuites') && !SUREFIRE_TIME.test(time)) problems.push(`${path}: time "${time}" does not match SUREFIRE_TIME`);
    if (!rule.text && el.text.trim() !== '') problems.push(`${path}: character data not allowed in <${el.name}>`);
    el.children.forEach((c, i) => {
      if (!rule.children.includes(c.name)) problems.push(`${path}: <${c.name}> not allowed in <${el.name}>`);
      else walk(c, `${path}/${c.name}[${i}]`);
    });
  };
  walk(root, `/${root.name}`);
  return problems;
}
