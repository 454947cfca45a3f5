import { escapeText } from './escape.js';

/**
 * Stable error and diagnostic codes. The code is the contract (tests, CI users and batch stores key
 * on it); the message is for people. Adding a code means adding a row here, which is also what
 * `docs/errors.md` is checked against.
 */

/**
 * Codes that are the caller's to fix before any audit can help: exit status 2 in every command
 * (a mistyped path included). Every other E_ code is exit status 3.
 */
export const USAGE_ERROR_CODES: ReadonlySet<string> = new Set(['E_USAGE', 'E_CONFIG', 'E_POLICY_UNREADABLE', 'E_POLICY_UNSUPPORTED', 'E_POLICY_INVALID', 'E_OUTPUT_UNWRITABLE', 'E_BATCH_UNAVAILABLE', 'E_INPUT_NOT_FOUND']);

export const ERROR_CODES = {
  E_USAGE: 'command-line usage error',
  E_CONFIG: 'configuration file is missing, unreadable or invalid',
  E_POLICY_UNREADABLE: 'the privacy policy given with --policy cannot be read (no such file, not a regular file, no permission, larger than 8 MiB)',
  E_POLICY_UNSUPPORTED: 'the privacy policy given with --policy is not a .txt, .md or .html file',
  E_POLICY_INVALID: 'the privacy policy given with --policy is not text in UTF-8, UTF-16 (with a byte-order mark) or GB18030, or has no text',
  E_OUTPUT_UNWRITABLE: 'the report or baseline file cannot be written (a directory, no permission, a parent that is not a folder)',
  E_BATCH_UNAVAILABLE: 'batch mode needs an optional package that is not installed (better-sqlite3 for the store, bullmq for the queue)',
  E_INPUT_NOT_FOUND: 'input path does not exist',
  E_INPUT_UNREADABLE: 'input could not be read (permissions, I/O error, not a regular file)',
  E_INPUT_UNSUPPORTED: 'input is neither an APK, a split bundle nor an AndroidManifest.xml',
  E_INPUT_TOO_LARGE: 'input file exceeds the size limit',
  E_INPUT_SYMLINK_LOOP: 'input is a symbolic link that never resolves (a loop of links)',
  E_SPLITS_NO_BASE: 'a set of split APKs (given together, or in an .apks/.xapk) has no base APK, or an app bundle (.aab) has no base module',
  E_SPLITS_MISMATCH: 'the split APKs given together do not belong to one app (package names or versionCodes differ)',
  E_PROTO_MALFORMED: 'a protocol-buffers file of an app bundle (manifest, resources.pb, BundleConfig.pb, toc.pb) is malformed',
  E_REPORT_INVALID: 'a JSON report given to diff is not JSON, not one app\'s report of pledge-audit, or does not match schema/report.schema.json',
  E_REPORT_VERSION: 'a JSON report given to diff was written by another pledge-audit version (or report schema version): its findings cannot be matched',
  E_ZIP_NO_EOCD: 'no end-of-central-directory record: not a zip, or truncated',
  E_ZIP_BAD_EOCD: 'end-of-central-directory record is inconsistent with the file',
  E_ZIP_MULTI_DISK: 'multi-disk zip archives are not supported (Android rejects them)',
  E_ZIP64_BAD: 'ZIP64 end-of-central-directory structures are malformed',
  E_ZIP_BAD_CD: 'a central-directory record is malformed',
  E_ZIP_BAD_LFH: 'a local file header is missing or malformed',
  E_ZIP_DUPLICATE_ENTRY: 'two entries share one name (Android rejects such APKs)',
  E_ZIP_ENTRY_OUT_OF_BOUNDS: "an entry's data lies outside the file",
  E_ZIP_INFLATE: 'an entry could not be inflated (corrupt deflate stream)',
  E_ZIP_SIZE_MISMATCH: "an entry's data does not have the size the central directory declares",
  E_ZIP_ENTRY_NOT_FOUND: 'a requested entry is not in the archive',
  E_LIMIT_ENTRIES: 'the archive has more entries than the limit allows',
  E_LIMIT_ENTRY_SIZE: 'an entry inflates beyond the per-entry limit',
  E_LIMIT_TOTAL_SIZE: 'inflated entries exceed the per-app total limit',
  E_LIMIT_RATIO: 'an entry exceeds the compression-ratio limit (zip bomb)',
  E_LIMIT_STRING_POOL: 'a string pool (binary XML, resources.arsc) or a DEX string table has more strings than the limit allows',
  E_LIMIT_XML_NODES: 'a binary XML document has more nodes than the limit allows',
  E_LIMIT_XML_DEPTH: 'XML elements nest deeper than the limit allows',
  E_LIMIT_DEX_TABLE: 'a DEX id table or class-definition table has more entries than the limit allows',
  E_APK_NO_MANIFEST: 'the APK has no AndroidManifest.xml',
  E_AXML_BAD_HEADER: 'binary XML header is invalid',
  E_AXML_BAD_CHUNK: 'a binary XML chunk is invalid',
  E_AXML_BAD_STRING_POOL: 'a string pool is invalid',
  E_AXML_NO_ROOT: 'binary XML has no root element',
  E_XML_SYNTAX: 'plain-text XML could not be parsed',
  E_MANIFEST_INVALID: 'the manifest has no <manifest> root element',
  E_ARSC_BAD_CHUNK: 'resources.arsc chunk is invalid',
  E_DEX_BAD_MAGIC: 'DEX file has a bad magic or unsupported version',
  E_DEX_BAD_HEADER: 'DEX header is inconsistent with the file',
  E_DEX_OUT_OF_BOUNDS: 'a DEX table, offset or count points outside the file',
  E_SIG_MALFORMED: 'a signature or signing block is malformed',
  E_TIMEOUT: 'analysis of this app exceeded the time limit',
  E_MEMORY: 'analysis of this app exceeded the memory limit',
  E_WORKER_CRASHED: 'the worker analysing this app exited unexpectedly',
  E_QUEUE_FAILED: 'the job queue gave up on this app (its workers were lost or failed transiently on every attempt)',
  E_QUEUE_UNAVAILABLE: 'the job queue (Redis) cannot be reached',
  E_STORE_INVALID: 'the results store cannot be opened, is not a pledge-audit store, or has a newer schema',
  E_RULE_CRASHED: 'a rule failed with an internal error (a bug in pledge-audit)',
  E_INTERNAL: 'internal error (a bug in pledge-audit)',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface PledgeErrorDetails {
  /** APK entry (or input file) the error is about. */
  entry?: string | undefined;
  /** Byte offset inside that entry. */
  offset?: number | undefined;
  /** One line on what the user can do. */
  hint?: string | undefined;
  /** The exception this one stands for (an unexpected one, for E_INTERNAL): its stack is what --debug prints. */
  cause?: unknown;
}

/** Bad input or bad usage: the expected kind of failure. Printed as one line, never with a stack. */
export class PledgeError extends Error {
  override readonly name = 'PledgeError';
  readonly code: ErrorCode;
  readonly entry: string | undefined;
  readonly offset: number | undefined;
  readonly hint: string | undefined;

  /** The message and entry may quote the input: they are escaped and bounded here, once for every output. */
  constructor(code: ErrorCode, message: string, details: PledgeErrorDetails = {}) {
    super(escapeText(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.entry = details.entry === undefined ? undefined : escapeText(details.entry, 300);
    this.offset = details.offset;
    this.hint = details.hint;
  }

  /** The same error attributed to an entry, for decoders that do not know their entry's name. */
  withEntry(entry: string): PledgeError {
    if (this.entry !== undefined) return this;
    return new PledgeError(this.code, this.message, { entry, offset: this.offset, hint: this.hint, cause: this.cause });
  }
}

/**
 * A broken invariant in our own code. Like any unexpected exception it ends as E_INTERNAL (exit 3)
 * with "run again with --debug", and --debug prints its stack.
 */
export class InternalError extends Error {
  override readonly name = 'InternalError';
}

/** The stack of the exception behind an E_INTERNAL (or of any error), for --debug. */
export function stackOf(e: unknown): string | undefined {
  const inner = e instanceof PledgeError && e.cause !== undefined ? e.cause : e;
  return inner instanceof Error ? inner.stack : undefined;
}

export function isPledgeError(e: unknown): e is PledgeError {
  return e instanceof PledgeError;
}

/** One line, stable shape: `E_CODE entry@0xOFF: message`. */
export function formatPledgeError(e: PledgeError): string {
  let where = '';
  if (e.entry !== undefined) where += ` ${e.entry}`;
  if (e.offset !== undefined) where += `@0x${e.offset.toString(16)}`;
  return `${e.code}${where}: ${e.message}`;
}

/** Converts anything thrown into a PledgeError; unknown errors become E_INTERNAL. */
export function toPledgeError(e: unknown, entry?: string): PledgeError {
  if (e instanceof PledgeError) return entry === undefined ? e : e.withEntry(entry);
  if (e instanceof RangeError && /ERR_BUFFER_TOO_LARGE|too large|Invalid (typed )?array length/i.test(String(e.message))) {
    return new PledgeError('E_LIMIT_ENTRY_SIZE', `allocation refused: ${e.message}`, { entry });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new PledgeError('E_INTERNAL', msg, { entry, cause: e });
}
