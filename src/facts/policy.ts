/**
 * A privacy policy's text, and what it names: the personal-information kinds (by the terms of
 * rules/data/policy-terms.json) and the SDKs (by the catalogue's names, vendors and packages).
 * The text is a file given with `--policy` (read here, before the audit) or the policy bundled in
 * the APK, which the string index already found (privacyPolicyDocs): nothing is scanned again.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Location } from '../model/index.js';
import type { SdkRecord } from '../sdk/types.js';
import { loadData } from '../util/data-path.js';
import { escapeRegExp, escapeText } from '../util/escape.js';
import { InternalError, PledgeError } from '../util/errors.js';
import type { AppFacts } from './app-facts.js';
import { piTable } from './pi-table.js';
import { stripMarkup } from './strings/text-assets.js';
import { privacyPolicyDocs } from './text.js';

/** A privacy policy's text and where it came from. */
export interface PolicyText {
  /** `file`: given with --policy; `bundled`: an asset or raw resource of the APK. */
  origin: 'file' | 'bundled';
  /** The file's name (a --policy file: its base name, so that fingerprints do not depend on where it lies). */
  entry: string;
  location: Location;
  /** Readable text: markup removed, lines kept. */
  text: string;
}

/** A --policy file larger than this is refused (a policy is a few hundred KiB at most). */
export const MAX_POLICY_BYTES = 8 * 1024 * 1024;
/** Characters of a policy read; the rest is ignored (and said in the evidence of absences). */
export const MAX_POLICY_CHARS = 1024 * 1024;
/** Characters of a sentence quoted as evidence. */
export const MAX_QUOTE = 160;

const EXTENSIONS: ReadonlyMap<string, 'markup' | 'prose'> = new Map([
  ['.txt', 'prose'],
  ['.md', 'prose'],
  ['.markdown', 'prose'],
  ['.html', 'markup'],
  ['.htm', 'markup'],
  ['.xhtml', 'markup'],
]);

/**
 * The text of a policy file, strictly decoded: UTF-8 (with or without BOM), UTF-16 with a BOM, or
 * GB18030 when the bytes are not UTF-8; undefined when none of them reads it or it holds NUL.
 */
export function decodePolicyBytes(buf: Buffer): string | undefined {
  let text: string | undefined;
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    if (buf.length % 2 !== 0) return undefined;
    text = buf.toString('utf16le', 2);
  } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    if (buf.length % 2 !== 0) return undefined;
    const body = Buffer.from(buf.subarray(2));
    body.swap16();
    text = body.toString('utf16le');
  } else {
    const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start));
    } catch {
      try {
        text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
      } catch {
        return undefined;
      }
    }
  }
  // Lone surrogates (UTF-16 that is not) and NUL (a binary file) are not a policy's text.
  if (text.includes('\u0000') || /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) return undefined;
  return text;
}

/**
 * Reads the policy given with --policy. Errors are the user's (exit 2): E_POLICY_UNREADABLE (no
 * such file, not a regular file, no permission, too large), E_POLICY_UNSUPPORTED (not .txt, .md
 * or .html), E_POLICY_INVALID (not text in a supported encoding, or no text at all).
 */
export function readPolicyFile(path: string, shown = path): PolicyText {
  const kind = EXTENSIONS.get(extname(path).toLowerCase());
  if (kind === undefined) throw new PledgeError('E_POLICY_UNSUPPORTED', `${shown}: the privacy policy must be a .txt, .md or .html file`, { entry: shown });
  let buf: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new PledgeError('E_POLICY_UNREADABLE', `${shown}: not a regular file`, { entry: shown });
    if (st.size > MAX_POLICY_BYTES) throw new PledgeError('E_POLICY_UNREADABLE', `${shown}: ${st.size} bytes, more than the ${MAX_POLICY_BYTES} a policy may have`, { entry: shown });
    buf = readFileSync(path);
  } catch (e) {
    if (e instanceof PledgeError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
    throw new PledgeError('E_POLICY_UNREADABLE', `${shown}: cannot be read (${code})`, { entry: shown });
  }
  const raw = decodePolicyBytes(buf);
  if (raw === undefined) throw new PledgeError('E_POLICY_INVALID', `${shown}: not text in UTF-8, UTF-16 (with a byte-order mark) or GB18030`, { entry: shown });
  const text = (kind === 'markup' ? stripMarkup(raw, ['script', 'style']) : raw).slice(0, MAX_POLICY_CHARS);
  if (text.trim() === '') throw new PledgeError('E_POLICY_INVALID', `${shown}: has no text`, { entry: shown });
  const entry = basename(shown);
  return { origin: 'file', entry, location: { kind: 'file', entry }, text };
}

/** The policy texts of an app: the one given, else the bundled ones clause 1 found. */
export function policyTexts(facts: AppFacts, given: PolicyText | undefined): PolicyText[] {
  if (given !== undefined) return [given];
  return privacyPolicyDocs(facts).map((d) => ({ origin: 'bundled', entry: d.entry, location: d.location, text: d.text }));
}

// ---- the terms -----------------------------------------------------------------------------------

interface PolicyTermsFile {
  source: string;
  kinds: Record<string, { zh: string[]; en: string[] }>;
  thirdPartySection: { zh: string[]; en: string[] };
  genericSdkNames: string[];
}

/** One term and how it is matched: CJK terms inside the sentence with spaces removed, Latin ones as whole words. */
interface Term {
  term: string;
  match(s: NormSentence): number;
}

interface NormSentence {
  /** NFKC, lower case. */
  lower: string;
  /** `lower` without white space. */
  compact: string;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function norm(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** A term matcher: CJK terms against the compact sentence, Latin ones as words (spaces and hyphens interchangeable). */
export function makeTerm(term: string): Term {
  const n = norm(term);
  if (CJK.test(n)) {
    const c = n.replace(/\s+/g, '');
    return { term, match: (s) => s.compact.indexOf(c) };
  }
  const body = escapeRegExp(n).replace(/(?:\\-|\s)+/g, '[\\s\\-]+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'u');
  return { term, match: (s) => s.lower.search(re) };
}

interface Lexicon {
  kinds: { kind: string; terms: Term[]; shown: string[] }[];
  section: Term[];
  generic: ReadonlySet<string>;
  /** Every PI term, normalised and without spaces. */
  piTerms: ReadonlySet<string>;
}

let lexicon: Lexicon | undefined;

/** rules/data/policy-terms.json, validated (schema, and every kind one of pi-apis.json). */
export function policyLexicon(): Lexicon {
  if (lexicon !== undefined) return lexicon;
  const file = loadData<PolicyTermsFile>('policy-terms.json');
  const known = piTable().kinds;
  const kinds = Object.entries(file.kinds).map(([kind, t]) => {
    if (known[kind] === undefined) throw new InternalError(`rules/data/policy-terms.json: kinds.${kind} is not a PI kind of pi-apis.json`);
    return { kind, terms: [...t.zh, ...t.en].map((x) => makeTerm(x)), shown: [...t.zh.slice(0, 2), ...t.en.slice(0, 2)] };
  });
  lexicon = {
    kinds,
    section: [...file.thirdPartySection.zh, ...file.thirdPartySection.en].map((x) => makeTerm(x)),
    generic: new Set(file.genericSdkNames.map((g) => norm(g))),
    piTerms: new Set(Object.values(file.kinds).flatMap((t) => [...t.zh, ...t.en]).map((x) => norm(x).replace(/\s+/g, ''))),
  };
  return lexicon;
}

// ---- sentences and mentions ----------------------------------------------------------------------

/** A sentence of a policy: its text and the line it starts on. */
interface Sentence extends NormSentence {
  text: string;
  line: number;
  doc: PolicyText;
}

/** Where a policy names something: the sentence, quoted (escaped, bounded), and its place. */
export interface PolicyMention {
  term: string;
  quote: string;
  doc: PolicyText;
  location: Location;
}

/** Sentences end at 。！？；, at a line end, and at `.!?;` followed by a space. */
function splitSentences(doc: PolicyText): Sentence[] {
  const out: Sentence[] = [];
  const t = doc.text;
  let start = 0;
  let line = 1;
  let startLine = 1;
  const push = (end: number): void => {
    const text = t.slice(start, end).replace(/[\s\u3000]+/g, ' ').trim();
    if (text !== '') {
      const lower = norm(text);
      out.push({ text, line: startLine, doc, lower, compact: lower.replace(/\s+/g, '') });
    }
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i] as string;
    const next = t[i + 1] ?? ' ';
    const end = c === '\n' || '。！？；'.includes(c) || ('.!?;'.includes(c) && /\s/.test(next));
    if (!end) continue;
    push(i + 1);
    if (c === '\n') line++;
    start = i + 1;
    startLine = line;
  }
  push(t.length);
  return out;
}

/** The sentence around position `at` (of its normalised form), at most MAX_QUOTE characters, escaped. */
function quoteOf(s: Sentence, at: number): string {
  const t = s.text;
  if (t.length <= MAX_QUOTE) return escapeText(t, MAX_QUOTE + 2);
  // Positions in the normalised sentence are close to those of the text (NFKC rarely changes length).
  const from = Math.max(0, Math.min(at - 40, t.length - MAX_QUOTE));
  const piece = t.slice(from, from + MAX_QUOTE);
  return escapeText(`${from > 0 ? '…' : ''}${piece}${from + MAX_QUOTE < t.length ? '…' : ''}`, MAX_QUOTE + 2);
}

function mention(s: Sentence, term: string, at: number): PolicyMention {
  const location: Location = s.doc.origin === 'file' ? { kind: 'file', entry: s.doc.entry, line: s.line } : s.doc.location;
  return { term, quote: quoteOf(s, Math.max(0, at)), doc: s.doc, location };
}

/** What a policy names. */
export interface PolicyAnalysis {
  docs: readonly PolicyText[];
  /** PI kinds the policy names, each with its first mentions (at most 3). */
  piKinds: ReadonlyMap<string, readonly PolicyMention[]>;
  /** The first heading or sentence of a third-party SDK section, if any. */
  thirdPartySection: PolicyMention | undefined;
  /** The first sentence naming any of `names` (normalised: lower case, no spaces), if any. */
  findName(names: readonly string[]): PolicyMention | undefined;
  /** Whether the policy text (all of it, spaces removed, lower case) contains `name` at all. */
  containsCompact(name: string): boolean;
  /** The first sentence where a Latin name occurs as a whole word, case as written; CJK names as findName. */
  findExact(name: string): PolicyMention | undefined;
  /** Terms the lexicon looks for, per kind (the first two in each language), for messages. */
  termsOf(kind: string): string[];
}

const MAX_MENTIONS = 3;

export function analysePolicy(docs: readonly PolicyText[]): PolicyAnalysis {
  const lex = policyLexicon();
  const sentences = docs.flatMap((d) => splitSentences(d));
  // Each term is first looked for in the whole text (one native scan); sentences are searched only
  // for the terms present, so that a long policy costs one pass per term, not per sentence.
  const wholeLower = sentences.map((s) => s.lower).join('\n');
  const whole: NormSentence = { lower: wholeLower, compact: sentences.map((s) => s.compact).join('\n') };
  const piKinds = new Map<string, PolicyMention[]>();
  for (const k of lex.kinds) {
    const present = k.terms.filter((t) => t.match(whole) >= 0);
    if (present.length === 0) continue;
    const found: PolicyMention[] = [];
    for (const s of sentences) {
      for (const term of present) {
        const at = term.match(s);
        if (at < 0) continue;
        found.push(mention(s, term.term, at));
        break;
      }
      if (found.length >= MAX_MENTIONS) break;
    }
    if (found.length > 0) piKinds.set(k.kind, found);
  }
  let thirdPartySection: PolicyMention | undefined;
  const sectionTerms = lex.section.filter((t) => t.match(whole) >= 0);
  outer: for (const s of sentences) {
    for (const term of sectionTerms) {
      const at = term.match(s);
      if (at >= 0) {
        thirdPartySection = mention(s, term.term, at);
        break outer;
      }
    }
  }
  return {
    docs,
    piKinds,
    thirdPartySection,
    findName(names) {
      for (const s of sentences) {
        for (const n of names) {
          const at = s.compact.indexOf(n);
          if (at >= 0) return mention(s, n, s.lower.indexOf(n.slice(0, 4)));
        }
      }
      return undefined;
    },
    containsCompact: (name) => whole.compact.includes(name),
    findExact(name) {
      if (CJK.test(name)) return this.findName([norm(name).replace(/\s+/g, '')]);
      const body = escapeRegExp(name.normalize('NFKC')).replace(/\s+/g, '\\s*');
      const re = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'u');
      for (const s of sentences) {
        const m = re.exec(s.text);
        if (m !== null) return mention(s, name, m.index);
      }
      return undefined;
    },
    termsOf: (kind) => lex.kinds.find((k) => k.kind === kind)?.shown ?? [],
  };
}

// ---- SDK names -----------------------------------------------------------------------------------

/** A name without its parenthesis, and "友盟+" as policies write it ("友盟"). */
function bare(s: string): string {
  return s.replace(/[（(].*?[)）]/g, '').replace(/[+＋]+$/, '').trim();
}

function aliases(s: string): string[] {
  return [...s.matchAll(/[（(](.*?)[)）]/g)].map((m) => (m[1] ?? '').trim()).filter((a) => a !== '');
}

/**
 * Ways a privacy policy may name a bundled SDK, normalised (lower case, no spaces): its names and
 * their aliases (a parenthesis of a name), its vendor (a vendor's parenthesis is its parent
 * company, which names nothing in particular), the first distinctive word of its English name, and
 * its packages. Lenient on purpose: a bundled SDK the policy names in any of these ways is disclosed.
 */
export function disclosureNames(r: SdkRecord): string[] {
  const generic = policyLexicon().generic;
  const name = (s: string | undefined): string[] => (s === undefined ? [] : [bare(s), ...aliases(s)]);
  const vendor = (s: string | undefined): string[] => (s === undefined ? [] : [bare(s)]);
  const words = bare(r.name.en).split(/[\s/]+/).filter((w) => w.length >= 4 && !generic.has(w.toLowerCase()));
  const all = [...name(r.name.en), ...name(r.name.zh), ...vendor(r.vendor.en), ...vendor(r.vendor.zh), ...words.slice(0, 1), ...r.packages]
    .map((n) => norm(n).replace(/\s+/g, ''))
    .filter((n) => n.length >= 2 && !generic.has(n));
  return [...new Set(all)];
}

/**
 * Names that identify one SDK when a policy names it (for "the policy names an SDK the app does
 * not bundle"): its names and their aliases, as written, and its packages; never its vendor (a
 * vendor has many SDKs), a generic word, nor a PI term ("华为 OAID" names the kind of data in its
 * parenthesis, not the SDK). Latin names need four letters.
 */
export function identifyingNames(r: SdkRecord): string[] {
  const lex = policyLexicon();
  const generic = lex.generic;
  const out = [...[r.name.en, r.name.zh].flatMap((s) => (s === undefined ? [] : [bare(s), ...aliases(s)])), ...r.packages.filter((p) => p.includes('.'))];
  return [...new Set(out)].filter((n) => {
    const k = norm(n).replace(/\s+/g, '');
    if (generic.has(k) || generic.has(norm(n)) || lex.piTerms.has(k)) return false;
    return CJK.test(n) ? [...k].length >= 2 : k.replace(/[^a-z0-9]/g, '').length >= 4;
  });
}
