import { loadData } from '../../util/data-path.js';
import { normalize } from './normalize.js';
import type { LexiconGroup } from './types.js';

/** rules/data/lexicon.json. */
interface LexiconFile {
  source: string;
  groups: Record<LexiconGroup, { zh: string[]; en: string[] }>;
}

export interface LexiconTerm {
  group: LexiconGroup;
  /** As written in the lexicon. */
  term: string;
  lang: 'zh' | 'en';
  /** The term normalised like app text (see normalize.ts). */
  norm: string;
  /** Whether the normalised term contains a space (a phrase rather than one word). */
  phrase: boolean;
}

/** One match in normalised text: [start, end) in normalised code units. */
export interface LexiconMatch {
  term: LexiconTerm;
  start: number;
  end: number;
}

export interface ScanOptions {
  /**
   * Text that is code rather than prose (DEX strings, native strings, JS and JSON): a one-word
   * English term (`accept`, `login`, `feedback`) then counts only inside prose (see inProse), so
   * that `Accept` headers, `login` keys, `function login(` and libc's `accept` are not read as UI.
   */
  code: boolean;
  /** Stop after this many matches (a hostile text cannot grow the work without bound). */
  max: number;
}

function isWordUnit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

function isLetterUnit(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || c >= 0xc0;
}

/**
 * Every lexicon term in one automaton (Aho–Corasick compiled to a full transition table over the
 * code units the terms use): one table lookup per character of text, whatever the number of
 * terms. About 1,500 states × 300 character classes, built once per process.
 */
export class LexiconMatcher {
  readonly terms: readonly LexiconTerm[];
  private readonly classOf: Uint16Array;
  private readonly width: number;
  private readonly delta: Int32Array;
  /** Term indices recognised on entering each state (its own and its suffixes'). */
  private readonly outputs: (readonly number[])[];
  private readonly hasOutput: Uint8Array;

  constructor(terms: readonly Omit<LexiconTerm, 'norm' | 'phrase'>[]) {
    const seen = new Set<string>();
    const list: LexiconTerm[] = [];
    for (const t of terms) {
      const norm = normalize(t.term);
      if (norm === '' || seen.has(`${t.group}\u0000${norm}`)) continue;
      seen.add(`${t.group}\u0000${norm}`);
      list.push({ ...t, norm, phrase: norm.includes(' ') });
    }
    this.terms = list;
    // Character classes: 0 for every code unit no term uses (it sends the automaton home).
    this.classOf = new Uint16Array(65536);
    let width = 1;
    for (const t of list) {
      for (let i = 0; i < t.norm.length; i++) {
        const c = t.norm.charCodeAt(i);
        if (this.classOf[c] === 0) this.classOf[c] = width++;
      }
    }
    this.width = width;
    // Trie.
    const next: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    list.forEach((t, ti) => {
      let s = 0;
      for (let i = 0; i < t.norm.length; i++) {
        const a = this.classOf[t.norm.charCodeAt(i)] as number;
        let n = (next[s] as Map<number, number>).get(a);
        if (n === undefined) {
          n = next.length;
          next.push(new Map());
          own.push([]);
          (next[s] as Map<number, number>).set(a, n);
        }
        s = n;
      }
      (own[s] as number[]).push(ti);
    });
    // Breadth-first: failure links, full transitions (a state's row starts as a copy of its
    // failure state's row, then its own moves overwrite it), outputs.
    const states = next.length;
    const delta = new Int32Array(states * width);
    const fail = new Int32Array(states);
    const outputs: (readonly number[])[] = new Array<readonly number[]>(states);
    outputs[0] = own[0] as number[];
    const queue: number[] = [];
    for (const [a, t] of next[0] as Map<number, number>) {
      delta[a] = t;
      queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q] as number;
      const f = fail[s] as number;
      const mine = own[s] as number[];
      const inherited = outputs[f] as readonly number[];
      outputs[s] = inherited.length === 0 ? mine : mine.length === 0 ? inherited : [...mine, ...inherited];
      delta.copyWithin(s * width, f * width, f * width + width);
      for (const [a, t] of next[s] as Map<number, number>) {
        // The failure target of t: where f goes on a (f's row is final: f is shallower than s).
        fail[t] = s === 0 ? 0 : (delta[f * width + a] as number);
        delta[s * width + a] = t;
        queue.push(t);
      }
    }
    const hasOutput = new Uint8Array(states);
    for (let i = 0; i < states; i++) hasOutput[i] = (outputs[i] as readonly number[]).length > 0 ? 1 : 0;
    this.hasOutput = hasOutput;
    this.delta = delta;
    this.outputs = outputs;
  }

  /** The lexicon of rules/data/lexicon.json, built once. */
  static default(): LexiconMatcher {
    defaultMatcher ??= new LexiconMatcher(lexiconTerms());
    return defaultMatcher;
  }

  /**
   * Matches in normalised text, in order of their end. A term that begins (ends) with a letter or
   * digit must not continue a word there: `agree` is not found in `agreement`, `15个工作日` not in
   * `215个工作日`; Chinese terms need no boundary (Chinese has no spaces).
   */
  scan(norm: string, opts: ScanOptions): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    const { classOf, delta, width, outputs, hasOutput, terms } = this;
    let s = 0;
    for (let i = 0; i < norm.length; i++) {
      s = delta[s * width + (classOf[norm.charCodeAt(i)] as number)] as number;
      if (hasOutput[s] === 0) continue;
      const outs = outputs[s] as readonly number[];
      const end = i + 1;
      for (const ti of outs) {
        const t = terms[ti] as LexiconTerm;
        const start = end - t.norm.length;
        if (!this.bounded(norm, t, start, end)) continue;
        if (opts.code && t.lang === 'en' && !t.phrase && !inProse(norm, start, end)) continue;
        out.push({ term: t, start, end });
        if (out.length >= opts.max) return out;
      }
    }
    return out;
  }

  /**
   * For ASCII bytes buf[start, end): whether the automaton recognises any term, folding case and
   * whitespace as normalisation does (a superset of what `scan` reports: boundaries are not
   * checked). Undefined when a byte is not ASCII: decode the text and scan it instead. Lets the
   * tens of thousands of DEX and native strings that match nothing go by undecoded.
   */
  mayMatchAscii(buf: Uint8Array, start: number, end: number): boolean | undefined {
    const { classOf, delta, width, hasOutput } = this;
    let s = 0;
    let space = true;
    for (let i = start; i < end; i++) {
      let c = buf[i] as number;
      if (c >= 0x80) return undefined;
      if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) {
        if (space) continue;
        space = true;
        c = 0x20;
      } else {
        space = false;
        if (c >= 0x41 && c <= 0x5a) c += 0x20;
      }
      s = delta[s * width + (classOf[c] as number)] as number;
      // A later non-ASCII byte would also send the text to be decoded: either way it is read.
      if (hasOutput[s] === 1) return true;
    }
    return false;
  }

  private bounded(norm: string, t: LexiconTerm, start: number, end: number): boolean {
    if (start > 0 && isWordUnit(t.norm.charCodeAt(0)) && isWordUnit(norm.charCodeAt(start - 1))) return false;
    if (end < norm.length && isWordUnit(t.norm.charCodeAt(t.norm.length - 1)) && isWordUnit(norm.charCodeAt(end))) return false;
    return true;
  }
}

/**
 * Whether a one-word term at [start, end) of code-like text sits in prose: a space-separated word
 * on at least one side, and on each side a word, the edge of the text or (after it) sentence
 * punctuation. `Please login first`, `Send feedback.` and `Login failed` pass; `accept`,
 * `Accept-Encoding`, `headers.accept = …`, `function login(` and `/api/login` do not.
 */
function inProse(norm: string, start: number, end: number): boolean {
  const leftWord = start >= 2 && norm.charCodeAt(start - 1) === 0x20 && isLetterUnit(norm.charCodeAt(start - 2));
  const rightWord = end + 1 < norm.length && norm.charCodeAt(end) === 0x20 && isLetterUnit(norm.charCodeAt(end + 1));
  if (!leftWord && !rightWord) return false;
  const leftOk = leftWord || start === 0;
  const next = norm.charCodeAt(end);
  const afterNext = end + 1 < norm.length ? norm.charCodeAt(end + 1) : 0x20;
  const rightOk = rightWord || end === norm.length || ((next === 0x2e || next === 0x2c || next === 0x21 || next === 0x3f) && afterNext === 0x20);
  return leftOk && rightOk;
}

let defaultMatcher: LexiconMatcher | undefined;

/** Every term of rules/data/lexicon.json, in file order (group, then zh, then en). */
export function lexiconTerms(): Omit<LexiconTerm, 'norm' | 'phrase'>[] {
  const file = loadData<LexiconFile>('lexicon.json');
  const out: Omit<LexiconTerm, 'norm' | 'phrase'>[] = [];
  for (const [group, langs] of Object.entries(file.groups) as [LexiconGroup, { zh: string[]; en: string[] }][]) {
    for (const term of langs.zh) out.push({ group, term, lang: 'zh' });
    for (const term of langs.en) out.push({ group, term, lang: 'en' });
  }
  return out;
}

/** The groups of the lexicon, in file order. */
export function lexiconGroups(): LexiconGroup[] {
  return Object.keys(loadData<LexiconFile>('lexicon.json').groups) as LexiconGroup[];
}

/**
 * Matches kept for one piece of text: within a group, a match inside a longer match of the same
 * group at the same place is dropped (`同意` inside `同意并继续`); across groups both stay (`同意`
 * of CONSENT_AGREE inside `不同意` of CONSENT_REFUSE is reported in both — the rules decide).
 * Then each (group, term) once: its first occurrence (`seen` carries that across the pieces of
 * one long text).
 */
export function selectMatches(matches: readonly LexiconMatch[], seen: Set<LexiconTerm> = new Set()): LexiconMatch[] {
  const kept: LexiconMatch[] = [];
  for (const m of matches) {
    if (seen.has(m.term)) continue;
    let inside = false;
    for (const o of matches) {
      if (o !== m && o.term.group === m.term.group && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start) {
        inside = true;
        break;
      }
    }
    if (inside) continue;
    seen.add(m.term);
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}
