import type { ZipArchive } from '../../apk/zip.js';
import { bcp47Locale, type ResourceTable } from '../../arsc/index.js';
import { decodeAxml } from '../../axml/decode.js';
import { decodeProtoXml } from '../../axml/proto-xml.js';
import type { ProtoResourceTable } from '../../arsc/proto-table.js';
import { mutf8End } from '../../dex/mutf8.js';
import type { Location } from '../../model/index.js';
import { binaryRuns, dartSnapshotDataRanges, decodeRun, oneAbiPerLibrary, listNativeLibs, readDynamicSymbols, readElfHeader, readEntryPrefix, ELF_HEADER_BYTES } from '../../native/index.js';
import type { DiagnosticSink } from '../../util/diagnostics.js';
import { PledgeError } from '../../util/errors.js';
import { DEFAULT_LIMITS, LIMITS, type Limits } from '../../util/limits.js';
import type { CodeFacts } from '../code.js';
import { extractValues, mayHoldValueAscii } from './extract.js';
import { collectXmlTexts, TextResolver } from './layouts.js';
import { LexiconMatcher, lexiconGroups, selectMatches, type LexiconMatch, type LexiconTerm } from './lexicon.js';
import { normalize, normalizeWithMap } from './normalize.js';
import { decodeText, documentText, readableText, selectTextAssets } from './text-assets.js';
import type { BundledDocument, CheckedToggle, ExtractedValue, LexiconGroup, StringIndex, TextHit, TextOrigin } from './types.js';

export type { BundledDocument, CheckedToggle, ExtractedValue, LexiconGroup, StringIndex, TextHit, TextOrigin } from './types.js';
export { LexiconMatcher, lexiconGroups, type LexiconMatch, type LexiconTerm } from './lexicon.js';
export { normalize, normalizeWithMap } from './normalize.js';
export { extractValues, type Extracted } from './extract.js';


/** What the index reads: the archive, the decoded resources and code (an AppFacts has them all). */
export interface StringIndexInput {
  readonly diagnostics: DiagnosticSink;
  readonly zip: ZipArchive | undefined;
  readonly resources: ResourceTable | undefined;
  readonly code: CodeFacts | undefined;
  /** An app bundle's resource tables (`base/resources.pb`, one per module): their strings are searched as resources.arsc's are, and its `<module>/res/` XML files (aapt2 protobuf XML) as compiled XML. */
  readonly protoResources?: readonly { entry: string; table: ProtoResourceTable }[];
}

/** Hits kept per lexicon group: the first found, in pass order (resources, layouts, xml, dex, assets, native). */
export const MAX_HITS_PER_GROUP = LIMITS.hitsPerGroup.value;
/** Extracted values kept per kind (url, email, phone), each distinct value once per file. */
export const MAX_VALUES_PER_KIND = LIMITS.valuesPerKind.value;
export const MAX_CHECKED_TOGGLES = LIMITS.checkedToggles.value;
export const MAX_DOCUMENTS = LIMITS.bundledDocuments.value;
/** Characters of a bundled document's text kept; a document needs this many to count as one. */
export const MAX_DOCUMENT_CHARS = LIMITS.documentChars.value;
export const MIN_DOCUMENT_CHARS = 300;
/** Resource strings (all configurations) and their characters. */
const MAX_RESOURCE_STRINGS = LIMITS.resourceStrings.value;
const MAX_RESOURCE_CHARS = LIMITS.resourceChars.value;
const MAX_PROTO_STRINGS = LIMITS.protoResourceStrings.value;
const MAX_XML_FILES = LIMITS.xmlFiles.value;
/** A compiled layout is a few KiB; one this large is not read (decodeAxml bounds what it reads too). */
const MAX_XML_FILE_BYTES = LIMITS.xmlFileBytes.value;
const MAX_TEXTS_PER_XML = LIMITS.textsPerXml.value;
/** Libraries other than libapp.so are scanned when smaller than this. */
const MAX_NATIVE_LIB_BYTES = LIMITS.nativeLibBytes.value;
/** Flutter's libapp.so holds the Dart app's literals; read this much of it at most. */
const MAX_LIBAPP_BYTES = LIMITS.nativeLibAppBytes.value;
const MAX_NATIVE_STRINGS_PER_LIB = LIMITS.nativeStringsPerLib.value;
/** Long texts (assets) are matched in pieces of this many characters, cut at a line end when one is near. */
const SEGMENT_CHARS = 64 * 1024;
/** Lexicon matches considered per piece of text before selection. */
const MAX_MATCHES_PER_TEXT = LIMITS.matchesPerText.value;
const SNIPPET_CHARS = 120;

export interface StringIndexOptions {
  /** maxAssetBytes and maxTotalAssetBytes bound asset reads (the latter also native and XML reads, each separately). */
  limits?: Limits;
  /** When given, receives the milliseconds each pass took (for benchmarks). */
  timings?: Partial<Record<StringPass, number>>;
}

export type StringPass = 'lexicon' | 'resources' | 'xml' | 'dex' | 'assets' | 'native';

const XML_DIR = /^res\/(layout|menu|xml|navigation)(?:-[^/]+)?\/[^/]+\.xml$/;
/** The same folders inside an app bundle's modules (`base/res/layout/a.xml`). */
const MODULE_XML_DIR = /^[^/]+\/res\/(layout|menu|xml|navigation)(?:-[^/]+)?\/[^/]+\.xml$/;
const XML_TYPES = new Set(['layout', 'menu', 'xml', 'navigation']);
/** Folders aapt writes file resources to: an XML file elsewhere under res/ (or AndResGuard's r/) means renamed resources. */
const RESOURCE_DIR = /^res\/(anim|animator|color|drawable|font|interpolator|layout|menu|mipmap|navigation|raw|transition|xml)(-[^/]+)?\/[^/]+$/;

interface ScanContext {
  origin: TextOrigin;
  /** Location of the character at an index of the original text. */
  where: (index: number) => Location;
  /** Code-like text: one-word English terms need a neighbouring word (ScanOptions.code). */
  code: boolean;
  locale?: string;
  path?: string;
  /** (group, term) pairs already reported for this file (long texts are scanned in pieces). */
  seen?: Set<LexiconTerm>;
}

/**
 * Builds the string index of an app (see StringIndex): every source is read once, in the order
 * resources, layouts, other compiled XML, DEX const-strings, text assets, native libraries, and
 * every read is bounded (limits.maxAssetBytes per asset, limits.maxTotalAssetBytes for assets,
 * and separately for compiled XML and native libraries). A cut read sets `stats.truncated` and
 * records a W_LIMIT_… diagnostic of that limit (docs/limits.md); a file that cannot be decoded records W_ARTIFACT_FAILED and the others
 * still count. DEX strings are indexed when the input has code. Reports whether assets and native
 * libraries were there to read (`artifacts`). Throws only PledgeError.
 *
 * `stats.items` counts resource strings (every configuration), layout and XML texts (attribute
 * values and character data), const-string references (distinct per DEX file), text assets read,
 * and native strings (runs).
 */
export function buildStringIndex(facts: StringIndexInput, options: StringIndexOptions = {}): StringIndex {
  const timings = options.timings;
  const timed = <T>(pass: StringPass, f: () => T): T => {
    if (timings === undefined) return f();
    const t0 = performance.now();
    const r = f();
    timings[pass] = performance.now() - t0;
    return r;
  };
  const builder = timed('lexicon', () => new IndexBuilder(facts, options.limits ?? DEFAULT_LIMITS));
  timed('resources', () => builder.resources());
  timed('xml', () => builder.compiledXml());
  timed('dex', () => builder.dex());
  timed('assets', () => builder.assets());
  timed('native', () => builder.native());
  return builder.finish();
}

/** Lexicon terms in one piece of text (for rules that hold text of their own, e.g. a toggle's label). */
export function matchLexicon(text: string, opts: { code?: boolean } = {}): { group: LexiconGroup; term: string; lang: 'zh' | 'en' }[] {
  const m = LexiconMatcher.default();
  return selectMatches(m.scan(normalize(text), { code: opts.code ?? false, max: MAX_MATCHES_PER_TEXT })).map((x) => ({ group: x.term.group, term: x.term.term, lang: x.term.lang }));
}

class IndexBuilder {
  private readonly matcher = LexiconMatcher.default();
  private readonly diags: DiagnosticSink;
  private readonly zip: ZipArchive | undefined;
  private readonly table: ResourceTable | undefined;
  private readonly hitLists = new Map<LexiconGroup, TextHit[]>();
  private readonly valueLists = { url: [] as ExtractedValue[], email: [] as ExtractedValue[], phone: [] as ExtractedValue[] };
  private readonly valueKeys = new Set<string>();
  private readonly toggles: CheckedToggle[] = [];
  private readonly documents: BundledDocument[] = [];
  private readonly items: Record<TextOrigin, number> = { resource: 0, layout: 0, xml: 0, dex: 0, asset: 0, native: 0 };
  private readonly capped = new Set<string>();
  private truncated = false;
  readonly artifacts: { assets: 'analysed' | 'absent'; native: 'analysed' | 'absent' } = { assets: 'absent', native: 'absent' };

  constructor(
    private readonly facts: StringIndexInput,
    private readonly limits: Limits,
  ) {
    this.diags = facts.diagnostics;
    this.zip = facts.zip;
    this.table = facts.resources;
    for (const g of lexiconGroups()) this.hitLists.set(g, []);
  }

  // ---- matching ------------------------------------------------------------------------------

  /**
   * Matches one piece of text and extracts its values. Returns the lexicon matches kept (with
   * their original-text positions), for callers that need them (bundled documents).
   */
  private scan(text: string, ctx: ScanContext): { term: LexiconTerm; index: number }[] {
    const values = extractValues(text);
    for (const v of values) this.addValue(v.kind, v.value, ctx, v.index, text);
    // The map back to the original text is built only for text that matched (most text matches
    // nothing); normalize gives the same text as normalizeWithMap, faster.
    const norm = normalize(text);
    const raw = this.matcher.scan(norm, { code: ctx.code, max: MAX_MATCHES_PER_TEXT });
    if (raw.length === 0) return [];
    const kept = selectMatches(raw, ctx.seen);
    if (kept.length === 0) return [];
    const { map } = normalizeWithMap(text);
    const out: { term: LexiconTerm; index: number }[] = [];
    for (const m of kept) {
      const from = map[m.start] ?? 0;
      const to = (map[m.end - 1] ?? from) + 1;
      out.push({ term: m.term, index: from });
      this.addHit(m, ctx, from, to, text);
    }
    return out;
  }

  private addHit(m: LexiconMatch, ctx: ScanContext, from: number, to: number, text: string): void {
    const list = this.hitLists.get(m.term.group);
    if (list === undefined) return;
    if (list.length >= MAX_HITS_PER_GROUP) {
      this.cap(m.term.group, 'hitsPerGroup');
      return;
    }
    const hit: TextHit = { group: m.term.group, term: m.term.term, lang: m.term.lang, origin: ctx.origin, location: ctx.where(from), snippet: snippet(text, from, to) };
    if (ctx.locale !== undefined) hit.locale = ctx.locale;
    if (ctx.path !== undefined) hit.path = ctx.path;
    list.push(hit);
  }

  private addValue(kind: 'url' | 'email' | 'phone', value: string, ctx: ScanContext, index: number, text: string): void {
    const location = ctx.where(index);
    const key = `${kind}\u0000${value}\u0000${location.kind === 'app' ? '' : location.entry}`;
    if (this.valueKeys.has(key)) return;
    const list = this.valueLists[kind];
    if (list.length >= MAX_VALUES_PER_KIND) {
      this.cap(`${kind}s`, 'valuesPerKind');
      return;
    }
    this.valueKeys.add(key);
    const v: ExtractedValue = { kind, value, origin: ctx.origin, location, snippet: snippet(text, index, index + value.length) };
    if (ctx.path !== undefined) v.path = ctx.path;
    list.push(v);
  }

  private cut(code: 'W_LIMIT_ASSETS' | 'W_LIMIT_NATIVE' | 'W_LIMIT_RESOURCE_STRINGS' | 'W_LIMIT_XML_FILES', message: string, entry?: string): void {
    this.truncated = true;
    this.diags.add(code, message, entry);
  }

  /** A result list stopped growing at its limit: said once per list, in the report's diagnostics. */
  private cap(list: string, limit: 'hitsPerGroup' | 'valuesPerKind' | 'checkedToggles' | 'bundledDocuments'): void {
    if (this.capped.has(list)) return;
    this.capped.add(list);
    this.diags.add('W_LIMIT_STRING_INDEX', `${list}: kept the first ${LIMITS[limit].value} (${limit})`);
  }

  private failed(entry: string, e: unknown): void {
    if (!(e instanceof PledgeError)) throw e;
    this.diags.add('W_ARTIFACT_FAILED', `${entry}: ${e.code} ${e.message}`, entry, e.offset);
  }

  // ---- resources.arsc ------------------------------------------------------------------------

  resources(): void {
    const table = this.table;
    const locales = new Map<string, string>();
    let chars = 0;
    try {
      for (const r of table?.allStrings() ?? []) {
        if (this.items.resource >= MAX_RESOURCE_STRINGS || chars >= MAX_RESOURCE_CHARS) {
          this.cut('W_LIMIT_RESOURCE_STRINGS', `resource strings: indexed the first ${this.items.resource} (${chars} characters), the limit`, 'resources.arsc');
          break;
        }
        this.items.resource++;
        chars += r.value.length;
        let locale = locales.get(r.config);
        if (locale === undefined) {
          const cv = table?.entries(r.resId).find((c) => c.qualifiers === r.config);
          locale = cv === undefined ? '' : bcp47Locale(cv.config);
          locales.set(r.config, locale);
        }
        const name = r.index !== undefined ? `${r.name}[${r.index}]` : r.quantity !== undefined ? `${r.name}[${r.quantity}]` : r.name;
        const location: Location = { kind: 'resource', entry: 'resources.arsc', name, config: r.config };
        this.scan(r.value, { origin: 'resource', where: () => location, code: false, locale });
      }
    } catch (e) {
      this.failed('resources.arsc', e);
    }
    for (const { entry, table: proto } of this.facts.protoResources ?? []) {
      if (proto.strings.length >= MAX_PROTO_STRINGS) this.cut('W_LIMIT_RESOURCE_STRINGS', `${entry}: the table was read up to its first ${MAX_PROTO_STRINGS} strings (protoResourceStrings)`, entry);
      for (const r of proto.strings) {
        if (this.items.resource >= MAX_RESOURCE_STRINGS || chars >= MAX_RESOURCE_CHARS) {
          this.cut('W_LIMIT_RESOURCE_STRINGS', `resource strings: indexed the first ${this.items.resource} (${chars} characters), the limit`, entry);
          return;
        }
        this.items.resource++;
        chars += r.value.length;
        const name = r.index !== undefined ? `${r.name}[${r.index}]` : r.quantity !== undefined ? `${r.name}[${r.quantity}]` : r.name;
        const location: Location = { kind: 'resource', entry, name, config: r.locale };
        this.scan(r.value, { origin: 'resource', where: () => location, code: false, locale: r.locale });
      }
    }
  }

  // ---- compiled XML (layouts, menus, xml, navigation) ----------------------------------------

  compiledXml(): void {
    const zip = this.zip;
    if (zip === undefined) return;
    const files = this.xmlFiles(zip);
    const resolver = new TextResolver(this.table);
    let bytes = 0;
    let done = 0;
    for (const { entry, origin } of files) {
      if (done >= MAX_XML_FILES || bytes >= this.limits.maxTotalAssetBytes) {
        this.cut('W_LIMIT_XML_FILES', `compiled XML: read ${done} of ${files.length} files (${bytes} bytes), the limit`);
        break;
      }
      const size = zip.entry(entry)?.uncompressedSize ?? 0;
      if (size > MAX_XML_FILE_BYTES) {
        this.cut('W_LIMIT_XML_FILES', `${entry}: ${size} bytes, above ${MAX_XML_FILE_BYTES} for one compiled XML file; not read`, entry);
        continue;
      }
      done++;
      let root;
      try {
        const buf = zip.read(entry, { cache: false });
        bytes += buf.length;
        // A bundle's res/ files are aapt2 protobuf XML; binary XML starts with RES_XML_TYPE (03 00).
        root = buf[0] !== 0x03 && MODULE_XML_DIR.test(entry) ? decodeProtoXml(buf, { entry }).root : decodeAxml(buf, { entry, diagnostics: this.diags, limits: this.limits }).root;
      } catch (e) {
        this.failed(entry, e);
        continue;
      }
      const { texts, toggles, textsCapped, togglesCapped } = collectXmlTexts(root, resolver, { entry, toggles: origin === 'layout', maxTexts: MAX_TEXTS_PER_XML, maxToggles: MAX_CHECKED_TOGGLES });
      if (textsCapped) this.cut('W_LIMIT_XML_FILES', `${entry}: indexed the first ${MAX_TEXTS_PER_XML} texts`, entry);
      if (togglesCapped) this.cap('checkedToggles', 'checkedToggles');
      for (const t of texts) {
        this.items[origin]++;
        const location: Location = { kind: 'file', entry, line: t.line };
        this.scan(t.text, { origin, where: () => location, code: false, path: t.path });
      }
      for (const t of toggles) {
        if (this.toggles.length >= MAX_CHECKED_TOGGLES) {
          this.cap('checkedToggles', 'checkedToggles');
          break;
        }
        this.toggles.push(t);
      }
    }
  }

  /**
   * Compiled XML files: by folder name, plus the files resources.arsc names for layout, menu, xml
   * and navigation resources (resource-shrinking tools such as AndResGuard rename `res/layout/a.xml`
   * to `r/a/b.xml`). Layouts first, then the others; each by name.
   */
  private xmlFiles(zip: ZipArchive): { entry: string; origin: 'layout' | 'xml' }[] {
    const origin = new Map<string, 'layout' | 'xml'>();
    let renamed = false;
    for (const n of zip.names()) {
      const m = XML_DIR.exec(n);
      const b = m === null && this.facts.protoResources !== undefined ? MODULE_XML_DIR.exec(n) : null;
      if (m !== null) origin.set(n, m[1] === 'layout' ? 'layout' : 'xml');
      else if (b !== null) origin.set(n, b[1] === 'layout' ? 'layout' : 'xml');
      else if (!renamed && n.endsWith('.xml') && (n.startsWith('res/') || n.startsWith('r/')) && !RESOURCE_DIR.test(n)) renamed = true;
    }
    const table = this.table;
    // Only resource-renamed APKs need the table's file names (walking every resource ID costs).
    if (table !== undefined && renamed) {
      try {
        let typeKey = -1;
        let type: string | undefined;
        for (const id of table.resourceIds()) {
          if (id >>> 16 !== typeKey) {
            typeKey = id >>> 16;
            type = table.nameOf(id)?.type;
          }
          if (type === undefined || !XML_TYPES.has(type)) continue;
          for (const cv of table.entries(id)) {
            const file = cv.value?.string;
            if (file === undefined || origin.has(file) || !file.endsWith('.xml') || !zip.has(file)) continue;
            origin.set(file, type === 'layout' ? 'layout' : 'xml');
          }
        }
      } catch (e) {
        this.failed('resources.arsc', e);
      }
    }
    return [...origin]
      .map(([entry, o]) => ({ entry, origin: o }))
      .sort((a, b) => (a.origin === b.origin ? byEntry(a, b) : a.origin === 'layout' ? -1 : 1));
  }

  // ---- DEX const-strings ---------------------------------------------------------------------

  /**
   * Each string a const-string instruction loads, once per DEX file, located at the first method
   * using it. ASCII strings are tried on their bytes first (mayMatchAscii, mayHoldValueAscii):
   * only those that can match are decoded, and a string seen in an earlier DEX file is not
   * reported twice.
   */
  dex(): void {
    const code = this.facts.code;
    if (code === undefined) return;
    const reported = new Set<string>();
    for (const u of code.units) {
      const dex = u.dex;
      const t = u.scan.constStrings;
      const done = new Uint8Array(dex.stringCount);
      // As DexFile.string guards it: ids pointing into one long unterminated run would make the
      // byte scans quadratic.
      let scanned = 0;
      const budget = 2 * dex.end + 0x100000;
      try {
        for (let i = 0; i < t.count; i++) {
          const ref = t.ref[i] as number;
          if (ref >= done.length || done[ref] === 1) continue;
          done[ref] = 1;
          this.items.dex++;
          const start = dex.stringStart(ref);
          const end = mutf8End(dex.buf, start, dex.end);
          scanned += end - start;
          if (scanned > budget) throw new PledgeError('E_DEX_OUT_OF_BOUNDS', 'string data items overlap: scanning const-strings exceeds twice the file size', { entry: u.entry, offset: start });
          if (this.matcher.mayMatchAscii(dex.buf, start, end) === false && !mayHoldValueAscii(dex.buf, start, end)) continue;
          const s = dex.string(ref);
          if (reported.has(s) || looksLikeData(s)) continue;
          reported.add(s);
          const caller = t.caller[i] as number;
          let location: Location | undefined;
          const where = (): Location => (location ??= { kind: 'dex', entry: u.entry, method: dex.methodRefString(caller) });
          this.scan(s, { origin: 'dex', where, code: true });
        }
      } catch (e) {
        this.failed(u.entry, e);
      }
    }
  }

  // ---- text assets ---------------------------------------------------------------------------

  assets(): void {
    const zip = this.zip;
    if (zip === undefined) return;
    const assets = selectTextAssets(zip.names());
    let budget = this.limits.maxTotalAssetBytes;
    let read = 0;
    for (const a of assets) {
      if (budget <= 0) {
        this.cut('W_LIMIT_ASSETS', `text assets: ${this.limits.maxTotalAssetBytes} bytes read (maxTotalAssetBytes); ${assets.length - read} of ${assets.length} files not scanned`);
        break;
      }
      read++;
      let text: string | undefined;
      try {
        const cap = Math.min(this.limits.maxAssetBytes, budget);
        const p = readEntryPrefix(zip, a.entry, cap);
        budget -= p.bytes.length;
        if (p.truncated) this.cut('W_LIMIT_ASSETS', `${a.entry}: scanned the first ${p.bytes.length} of ${p.declaredSize} bytes`, a.entry);
        text = decodeText(p.bytes);
      } catch (e) {
        this.failed(a.entry, e);
        continue;
      }
      if (text === undefined) continue;
      this.items.asset++;
      this.scanAsset(a.entry, readableText(text, a.kind), a.kind === 'code', a.document);
    }
    this.artifacts.assets = assets.length > 0 ? 'analysed' : 'absent';
  }

  /** One asset's readable text, in pieces; a document with POLICY terms becomes a bundled document. */
  private scanAsset(entry: string, text: string, code: boolean, document: boolean): void {
    const seen = new Set<LexiconTerm>();
    let policyLine: number | undefined;
    let line = 1;
    for (let from = 0; from < text.length; ) {
      const to = segmentEnd(text, from);
      const piece = text.slice(from, to);
      const firstLine = line;
      let newlines: number[] | undefined;
      const lineAt = (i: number): number => {
        newlines ??= newlineIndexes(piece);
        return firstLine + countBelow(newlines, i);
      };
      const where = (i: number): Location => ({ kind: 'file', entry, line: lineAt(i) });
      const found = this.scan(piece, { origin: 'asset', where, code, seen });
      if (policyLine === undefined) {
        const p = found.find((f) => f.term.group === 'POLICY');
        if (p !== undefined) policyLine = lineAt(p.index);
      }
      line += countChar(piece, '\n');
      from = to;
    }
    if (!document || policyLine === undefined) return;
    const doc = documentText(text, MAX_DOCUMENT_CHARS);
    if (doc.length < MIN_DOCUMENT_CHARS) return;
    if (this.documents.length >= MAX_DOCUMENTS) {
      this.cap('bundledDocuments', 'bundledDocuments');
      return;
    }
    this.documents.push({ entry, location: { kind: 'file', entry, line: policyLine }, text: doc });
  }

  // ---- native libraries ----------------------------------------------------------------------

  native(): void {
    const zip = this.zip;
    if (zip === undefined) return;
    const all = listNativeLibs(zip);
    const libs = oneAbiPerLibrary(all)
      .filter((l) => l.name === 'libapp.so' || l.size < MAX_NATIVE_LIB_BYTES)
      .sort((a, b) => (a.name === b.name ? 0 : a.name === 'libapp.so' ? -1 : b.name === 'libapp.so' ? 1 : byEntry(a, b)));
    let budget = this.limits.maxTotalAssetBytes;
    let read = 0;
    for (const lib of libs) {
      if (budget <= 0) {
        this.cut('W_LIMIT_ASSETS', `native libraries: ${this.limits.maxTotalAssetBytes} bytes read; ${libs.length - read} of ${libs.length} libraries not scanned`);
        break;
      }
      read++;
      let bytes: Buffer;
      try {
        const p = readEntryPrefix(zip, lib.entry, Math.min(budget, lib.name === 'libapp.so' ? MAX_LIBAPP_BYTES : MAX_NATIVE_LIB_BYTES));
        budget -= p.bytes.length;
        if (p.truncated) this.cut('W_LIMIT_NATIVE', `${lib.entry}: scanned the first ${p.bytes.length} of ${p.declaredSize} bytes`, lib.entry);
        bytes = p.bytes;
      } catch (e) {
        this.failed(lib.entry, e);
        continue;
      }
      // A library that is not ELF is recorded, and its text still read (packers hide payloads as .so).
      const elf = readElfHeader(bytes.subarray(0, ELF_HEADER_BYTES), { fileSize: lib.size, entry: lib.entry, diagnostics: this.diags });
      const symbols = elf !== undefined && lib.name === 'libapp.so' ? readDynamicSymbols(bytes, elf) : undefined;
      const found = binaryRuns(bytes, { maxStrings: MAX_NATIVE_STRINGS_PER_LIB, utf16Ranges: symbols === undefined ? [] : dartSnapshotDataRanges(symbols, bytes.length) });
      if (found.truncated) this.cut('W_LIMIT_NATIVE', `${lib.entry}: kept the first ${MAX_NATIVE_STRINGS_PER_LIB} strings`, lib.entry);
      for (const r of found.runs) {
        this.items.native++;
        if (r.encoding === 'utf8' && this.matcher.mayMatchAscii(bytes, r.offset, r.end) === false && !mayHoldValueAscii(bytes, r.offset, r.end)) continue;
        const location: Location = { kind: 'file', entry: lib.entry, offset: r.offset };
        this.scan(decodeRun(bytes, r), { origin: 'native', where: () => location, code: true });
      }
    }
    this.artifacts.native = all.length > 0 ? 'analysed' : 'absent';
  }

  finish(): StringIndex {
    const hits = this.hitLists;
    const { url, email, phone } = this.valueLists;
    const toggles = this.toggles;
    const documents = this.documents;
    const stats = { items: { ...this.items }, truncated: this.truncated, capped: [...this.capped] };
    return {
      artifacts: { ...this.artifacts },
      hits: (g) => hits.get(g) ?? [],
      has: (g) => (hits.get(g)?.length ?? 0) > 0,
      urls: () => url,
      emails: () => email,
      phones: () => phone,
      checkedToggles: () => toggles,
      bundledDocuments: () => documents,
      stats,
    };
  }
}

/**
 * Strings that are data rather than text: more than one character in eight a control character
 * (ICU tables, serialized state, packed arrays that code keeps in const-strings).
 */
function looksLikeData(s: string): boolean {
  let controls = 0;
  const limit = s.length >>> 3;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && ++controls > limit) return true;
  }
  return false;
}

/** Up to SNIPPET_CHARS characters around [from, to) on one line, with `…` where cut. */
export function snippet(text: string, from: number, to: number): string {
  const room = Math.max(0, SNIPPET_CHARS - (to - from));
  let a = Math.max(0, from - Math.ceil(room / 2));
  let b = Math.min(text.length, to + Math.floor(room / 2));
  if (a === 0) b = Math.min(text.length, Math.max(b, SNIPPET_CHARS));
  if (b === text.length) a = Math.max(0, Math.min(a, text.length - SNIPPET_CHARS));
  // Never split a surrogate pair.
  if (a > 0 && isLowSurrogate(text.charCodeAt(a))) a--;
  if (b < text.length && isLowSurrogate(text.charCodeAt(b))) b++;
  const body = text
    .slice(a, b)
    .replace(/[\u0000-\u001f\u007f\s]+/g, ' ')
    .trim();
  return `${a > 0 ? '…' : ''}${body}${b < text.length ? '…' : ''}`;
}

function byEntry(a: { entry: string }, b: { entry: string }): number {
  return a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** End of the piece of `text` starting at `from`: SEGMENT_CHARS on, back to a line end in its second half. */
function segmentEnd(text: string, from: number): number {
  if (text.length - from <= SEGMENT_CHARS) return text.length;
  let to = from + SEGMENT_CHARS;
  const nl = text.lastIndexOf('\n', to - 1);
  if (nl >= from + SEGMENT_CHARS / 2) to = nl + 1;
  else if (isLowSurrogate(text.charCodeAt(to))) to--;
  return to;
}

function newlineIndexes(s: string): number[] {
  const out: number[] = [];
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) out.push(i);
  return out;
}

/** How many of the sorted numbers are below `x`. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countChar(s: string, c: string): number {
  let n = 0;
  for (let i = s.indexOf(c); i >= 0; i = s.indexOf(c, i + 1)) n++;
  return n;
}

