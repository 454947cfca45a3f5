import { PledgeError, type ErrorCode } from './errors.js';
import type { DiagnosticCode } from './diagnostic-codes.js';

/**
 * Every limit pledge-audit applies, in one place: what it bounds, its default and unit, how a user
 * overrides it, the error or diagnostic code it raises and why it exists. `docs/limits.md` is
 * generated from this table (src/cli/limits-docs.ts) and a test keeps the two equal; the Chinese
 * wording is in src/i18n/limits.ts.
 *
 * Two kinds of limit:
 * - an error (`E_…`): the app is not analysed; the input is hostile or beyond what we read;
 * - a diagnostic (`W_…`): the read stopped at the limit, the rest was analysed, and the report
 *   lists the diagnostic, so a bounded read is never silent.
 * A few bounds raise nothing (code `null`) because they lose nothing: the DEX validation budget
 * defers work to the first read, and the liveness search answers "live" (the conservative answer)
 * when it stops. Their `why` says so.
 */

export type LimitUnit = 'bytes' | 'entries' | 'ratio' | 'nodes' | 'levels' | 'strings' | 'characters' | 'files' | 'units' | 'diagnostics' | 'seconds' | 'MiB' | 'pairs' | 'hits' | 'targets' | 'classes' | 'calls';

export interface LimitSpec {
  value: number;
  unit: LimitUnit;
  /** What a run that reaches the limit reports; null when reaching it loses nothing. */
  code: ErrorCode | DiagnosticCode | null;
  /** The command-line option that sets it, where a user may need to. */
  flag?: string;
  /** A field of `Limits`: `audit(path, { limits: { … } })` may set it. */
  api?: true;
  /** What is bounded (English; zh in src/i18n/limits.ts). */
  what: string;
  /** Why the bound exists and why this value. */
  why: string;
}

const MiB = 1024 ** 2;

/** The table. Keys are stable: they name the limit in docs and in `Limits`. */
export const LIMITS = {
  // ── Input and archive ───────────────────────────────────────────────────────────────────────
  maxInputBytes: { value: 2 * 1024 ** 3 - 1, unit: 'bytes', code: 'E_INPUT_TOO_LARGE', api: true, what: 'size of one input file', why: 'a file is read into one Buffer; 2 GiB is past any store app and keeps offsets within 31 bits' },
  maxZipEntries: { value: 200_000, unit: 'entries', code: 'E_LIMIT_ENTRIES', api: true, what: 'central-directory entries of one archive', why: 'the largest store apps have about 40,000 entries; a forged count must not make us allocate or loop for millions' },
  maxEntryBytes: { value: 512 * MiB, unit: 'bytes', code: 'E_LIMIT_ENTRY_SIZE', flag: '--max-entry-size', api: true, what: 'inflated size of one entry', why: 'an entry is inflated into memory; real DEX files stay under 100 MiB, a bomb declares gigabytes' },
  maxTotalInflatedBytes: { value: 1536 * MiB, unit: 'bytes', code: 'E_LIMIT_TOTAL_SIZE', api: true, what: 'inflated bytes of all entries read for one app (raised to --max-entry-size when that is larger)', why: 'many entries each under the per-entry limit must not exhaust memory together' },
  maxCompressionRatio: { value: 200, unit: 'ratio', code: 'E_LIMIT_RATIO', api: true, what: 'inflated:compressed ratio of an entry that inflates past ratioFloorBytes', why: 'deflate reaches 1032:1 only on degenerate data; real entries stay under 20:1, bombs go far above' },
  ratioFloorBytes: { value: 8 * MiB, unit: 'bytes', code: 'E_LIMIT_RATIO', api: true, what: 'inflated size from which the ratio limit applies', why: 'small entries of zeros (empty resources, padding) compress well and are harmless' },
  // ── Binary XML, resources, DEX tables ───────────────────────────────────────────────────────
  maxStringPoolEntries: { value: 4_000_000, unit: 'strings', code: 'E_LIMIT_STRING_POOL', api: true, what: 'strings of one string pool (binary XML, resources.arsc) or of one DEX string_ids table', why: 'per-string caches are allocated from the count; real apps have under 1,000,000 strings per DEX or table' },
  maxXmlNodes: { value: 1_000_000, unit: 'nodes', code: 'E_LIMIT_XML_NODES', api: true, what: 'nodes of one binary XML document', why: 'a manifest or layout has thousands of nodes; a forged document could loop for millions' },
  maxXmlDepth: { value: 512, unit: 'levels', code: 'E_LIMIT_XML_DEPTH', api: true, what: 'nesting depth of elements (binary and plain-text XML)', why: 'the tree is walked recursively; Android layouts nest a few dozen levels' },
  maxTextXmlChars: { value: 16 * MiB, unit: 'characters', code: 'E_INPUT_TOO_LARGE', api: true, what: 'size of a plain-text AndroidManifest.xml given as input', why: 'merged manifests are under 1 MiB; the XML parser holds the whole text' },
  maxDexTableEntries: { value: 1 << 24, unit: 'entries', code: 'E_LIMIT_DEX_TABLE', api: true, what: 'entries of a DEX field_ids, method_ids or class_defs table (type_ids and proto_ids: 65,535, the format\'s own bound)', why: 'the state of every entry is tracked in a typed array sized by the header\'s count; the fields hold 16-bit indices at most 65,535 anyway for types and protos. A DEX beyond it fails alone (W_DEX_FAILED naming this code)' },
  dexValidationBudget: { value: 1 << 22, unit: 'units', code: null, api: true, what: 'DEX table entries validated when the file is opened (one unit per id entry, type-list entry or class member)', why: 'bounds the cost of opening a hostile DEX; entries past it are validated on their first read with the same outcome, so nothing is lost' },
  codeScanExtraUnits: { value: 1024, unit: 'units', code: 'W_LIMIT_CODE_SCAN', what: 'code units walked by the DEX code scan in all, beyond one per byte of the file (twice the code the file can hold)', why: 'methods that share one code item (a packer trick) would otherwise make the scan walk the same bytes without end' },
  // ── Diagnostics and text search ─────────────────────────────────────────────────────────────
  maxDiagnostics: { value: 500, unit: 'diagnostics', code: 'W_LIMIT_DIAGNOSTICS', api: true, what: 'diagnostics kept per app; the rest are counted in one last diagnostic', why: 'a hostile file can produce an anomaly per entry; the report stays readable and bounded' },
  maxAssetBytes: { value: 4 * MiB, unit: 'bytes', code: 'W_LIMIT_ASSETS', api: true, what: 'bytes of one text asset searched for strings (privacy policies, JS bundles, configs)', why: 'a bundled policy is tens of KiB; large JS bundles are read in part' },
  maxTotalAssetBytes: { value: 64 * MiB, unit: 'bytes', code: 'W_LIMIT_ASSETS', api: true, what: 'bytes of all text assets searched; also of all native libraries searched', why: 'keeps the string search of asset-heavy apps (games, hybrid apps) within seconds' },
  nativeLibBytes: { value: 8 * MiB, unit: 'bytes', code: 'W_LIMIT_NATIVE', what: 'bytes of one native library searched for strings (libapp.so: nativeLibAppBytes)', why: 'SDK strings sit in .rodata near the start; larger libraries are engines, not SDKs' },
  nativeLibAppBytes: { value: 32 * MiB, unit: 'bytes', code: 'W_LIMIT_NATIVE', what: 'bytes of a Flutter libapp.so searched for strings', why: 'a Flutter app\'s own code and strings are all in libapp.so' },
  nativeStringsPerLib: { value: 200_000, unit: 'strings', code: 'W_LIMIT_NATIVE', what: 'strings kept from one native library', why: 'bounds memory of the string search; SDK markers come early' },
  resourceStrings: { value: 1_000_000, unit: 'strings', code: 'W_LIMIT_RESOURCE_STRINGS', what: 'resource strings indexed (resources.arsc and resources.pb)', why: 'apps with every language have a few hundred thousand strings' },
  resourceChars: { value: 64 * MiB, unit: 'characters', code: 'W_LIMIT_RESOURCE_STRINGS', what: 'characters of resource strings indexed', why: 'bounds memory of the index together with resourceStrings' },
  xmlFiles: { value: 20_000, unit: 'files', code: 'W_LIMIT_XML_FILES', what: 'compiled XML files under res/ searched for texts', why: 'the consent dialog is in a layout; 20,000 layouts is past any real app' },
  xmlFileBytes: { value: 8 * MiB, unit: 'bytes', code: 'W_LIMIT_XML_FILES', what: 'size of one compiled XML file searched', why: 'layouts are a few KiB; a larger file is data, not a screen' },
  textsPerXml: { value: 5_000, unit: 'strings', code: 'W_LIMIT_XML_FILES', what: 'texts taken from one compiled XML file', why: 'bounds one hostile file\'s share of the index' },
  hitsPerGroup: { value: 200, unit: 'hits', code: 'W_LIMIT_STRING_INDEX', what: 'hits kept per lexicon group of the string search (the first found, in pass order)', why: 'rules need a few hits as evidence, not every one' },
  valuesPerKind: { value: 1000, unit: 'strings', code: 'W_LIMIT_STRING_INDEX', what: 'extracted URLs, e-mail addresses and phone numbers kept per kind', why: 'bounds the index; the first are the ones near the app\'s own code' },
  bundledDocuments: { value: 50, unit: 'files', code: 'W_LIMIT_STRING_INDEX', what: 'bundled documents (policy-like texts) kept', why: 'a policy is one or two documents; keeps the rights checks fast' },
  documentChars: { value: 256 * 1024, unit: 'characters', code: null, what: 'characters kept of one bundled document', why: 'policies are under 100,000 characters; the text kept is a prefix, and the document is still searched whole by the string pass' },
  matchesPerText: { value: 4096, unit: 'hits', code: null, what: 'lexicon matches considered in one 64 KiB piece of text before the best are selected', why: 'far above hitsPerGroup, which is what is kept and is reported when reached; a piece with more matches is a word list, not text' },
  checkedToggles: { value: 200, unit: 'nodes', code: 'W_LIMIT_STRING_INDEX', what: 'pre-checked consent toggles (checkboxes, switches) recorded from layouts', why: 'a consent screen has one or two' },
  // ── Call graph ─────────────────────────────────────────────────────────────────────────────
  callGraphNodesPerRoot: { value: 4000, unit: 'nodes', code: 'W_LIMIT_CALL_GRAPH', what: 'methods visited from one startup root (Application, launcher Activity, providers …)', why: 'keeps the startup graph of the largest apps within seconds; past it the graph is marked bounded and clauses 2 and 9 say so' },
  callGraphDepth: { value: 7, unit: 'calls', code: null, what: 'calls followed from a startup root', why: 'the definition of "at startup" the graph uses, not a cut: a read more than seven calls deep is not claimed to run at startup, and the report does not claim it does not' },
  callTargetsPerCall: { value: 16, unit: 'targets', code: null, what: 'implementations followed for one virtual or interface call', why: 'precision bound: dispatch to more implementations than this is rarely at startup; no fact is dropped, a path may be missed' },
  subclassesPerCall: { value: 512, unit: 'classes', code: null, what: 'subclasses examined to resolve one virtual call', why: 'precision bound of the same kind, against classes with thousands of subclasses' },
  livenessNodes: { value: 3000, unit: 'nodes', code: null, what: 'callers searched to decide whether a method is dead code', why: 'past it the method is taken as live, the conservative answer: a finding is kept, never dropped' },
  // ── Signatures and format bounds ────────────────────────────────────────────────────────────
  signingBlockBytes: { value: 64 * MiB, unit: 'bytes', code: 'W_LIMIT_SIGNATURE', what: 'size of the APK Signing Block read into memory', why: 'real blocks are a few KiB (tens with Play frosting); a forged size could make us read most of a 2 GiB file' },
  signingBlockPairs: { value: 4096, unit: 'pairs', code: 'W_LIMIT_SIGNATURE', what: 'ID-value pairs walked in the APK Signing Block', why: 'real blocks have fewer than ten' },
  v1SignatureBlockBytes: { value: 4 * MiB, unit: 'bytes', code: 'W_LIMIT_SIGNATURE', what: 'size of a v1 signature block (META-INF/*.RSA, .DSA, .EC)', why: 'a certificate chain stays under 64 KiB' },
  v1SignatureFileBytes: { value: 32 * MiB, unit: 'bytes', code: 'W_LIMIT_SIGNATURE', what: 'size of a v1 signature file (META-INF/*.SF) read for its X-Android-APK-Signed header', why: '.SF files list every entry and grow with the app; past this the header is not checked' },
  keyScanBytes: { value: 256 * 1024, unit: 'bytes', code: 'W_LIMIT_PREFIX', what: 'bytes of one key or certificate file (.pem, .key, .p12 …) read to check whether it holds private key material', why: 'key files are a few KiB; a larger file named like one is read in part' },
  derDepth: { value: 64, unit: 'levels', code: 'W_SIG_MALFORMED', what: 'nesting depth of DER structures in certificates and PKCS#7 blocks', why: 'a format bound: real certificates nest under ten levels; deeper is treated as malformed signature data' },
  derChildren: { value: 10_000, unit: 'entries', code: 'W_SIG_MALFORMED', what: 'elements of one DER structure', why: 'a format bound against forged counts; treated as malformed signature data' },
  schemeSigners: { value: 64, unit: 'entries', code: 'W_SIG_MALFORMED', what: 'signers of one v2/v3/v3.1 scheme block', why: 'a format bound: Android apps have one signer, rarely a few' },
  signerItems: { value: 256, unit: 'entries', code: 'W_SIG_MALFORMED', what: 'signatures, certificates, digests or attributes of one signer', why: 'a format bound against forged counts' },
  lineageNodes: { value: 256, unit: 'nodes', code: 'W_SIG_MALFORMED', what: 'nodes of a v3 proof-of-rotation lineage', why: 'a key is rotated a handful of times in an app\'s life' },
  protoDepth: { value: 100, unit: 'levels', code: 'E_PROTO_MALFORMED', what: 'nesting of protocol-buffers messages in an app bundle', why: 'a format bound: aapt2 messages nest under twenty levels; the decoder recurses' },
  protoResourceStrings: { value: 200_000, unit: 'strings', code: 'W_LIMIT_RESOURCE_STRINGS', what: 'strings taken from one bundle module\'s resources.pb', why: 'bounds memory of one module\'s table; resourceStrings bounds them all' },
  referenceDepth: { value: 20, unit: 'levels', code: null, what: 'resource references followed (@string/a → @string/b …)', why: 'Android\'s own bound (kMaxIterations): a longer chain is unresolved on the device too, so nothing is lost' },
  symlinkHops: { value: 40, unit: 'levels', code: 'E_INPUT_SYMLINK_LOOP', what: 'symbolic links followed to reach an input', why: 'the kernel\'s own bound (MAXSYMLINKS)' },
  configBytes: { value: 4 * MiB, unit: 'bytes', code: 'E_CONFIG', what: 'size of the configuration file (.pledge-audit.json)', why: 'a configuration is a few KiB; anything larger is the wrong file' },
  // ── Time and memory ────────────────────────────────────────────────────────────────────────
  timeoutSeconds: { value: 300, unit: 'seconds', code: 'E_TIMEOUT', flag: '--timeout', what: 'wall-clock time of the analysis of one app (pledge-audit <apk> and scan); 0 runs without a limit, in-process', why: 'the largest corpus apps take under 30 s; a hostile input must end in a clean error, never hang. The app runs in a worker thread that is stopped at the limit' },
  memoryMiB: { value: 2048, unit: 'MiB', code: 'E_MEMORY', flag: '--memory', what: 'V8 heap of the worker thread that analyses one app (inflated entries live outside it, bounded by the size limits above)', why: 'the largest corpus apps peak under 1 GiB of heap; a scan runs one worker per core and must not exhaust the machine' },
} as const satisfies Record<string, LimitSpec>;

export type LimitId = keyof typeof LIMITS;

/** Every size or count that comes from an input is checked against one of these before we allocate or loop. */
export type Limits = { [K in LimitId as (typeof LIMITS)[K] extends { api: true } ? K : never]: number };

export const LIMIT_IDS = Object.keys(LIMITS) as LimitId[];

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze(
  Object.fromEntries(LIMIT_IDS.filter((k) => (LIMITS[k] as LimitSpec).api === true).map((k) => [k, LIMITS[k].value])) as Limits,
);

/** Limits with the caller's overrides; a larger entry limit raises the total with it. */
export function withLimits(overrides: Partial<Limits> | undefined): Limits {
  const l = { ...DEFAULT_LIMITS, ...(overrides ?? {}) };
  if (overrides?.maxEntryBytes !== undefined && overrides.maxTotalInflatedBytes === undefined && l.maxEntryBytes > l.maxTotalInflatedBytes) l.maxTotalInflatedBytes = l.maxEntryBytes;
  return l;
}

/** Rejects non-finite, negative or too-large values read from input before they are used. */
export function safeBound(value: number, max: number, code: ErrorCode, what: string, entry?: string): number {
  if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) {
    throw new PledgeError(code, `${what} is not a valid size: ${value}`, { entry });
  }
  if (value > max) {
    throw new PledgeError(code, `${what} is ${value}, above the limit of ${max}`, { entry });
  }
  return value;
}

/** `--max-entry-size`: bytes, or a number with a unit (KiB, MiB, GiB; K, M, G and KB, MB, GB mean the same). */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$/i.exec(text);
  if (m === null) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? MiB : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.floor(n * scale);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
