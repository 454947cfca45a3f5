import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { sha256OfBuffer, sha256OfSource } from '../apk/hash.js';
import { BufferSource, FileSource, type ByteSource } from '../apk/source.js';
import { openZip, type ZipArchive } from '../apk/zip.js';
import { decodeAxml } from '../axml/decode.js';
import type { XmlDocument } from '../axml/types.js';
import { detectInputKind, type InputKind } from '../input/detect.js';
import { buildManifest } from '../manifest/build.js';
import { parseTextXml } from '../manifest/text.js';
import { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError, toPledgeError } from '../util/errors.js';
import { type Limits, withLimits } from '../util/limits.js';
import { parseArsc, type ResourceTable } from '../arsc/index.js';
import type { ResolvedResource } from '../manifest/build.js';
import { AppFacts } from './app-facts.js';

export interface LoadOptions {
  limits?: Partial<Limits>;
}

export const MANIFEST = 'AndroidManifest.xml';
const IN_MEMORY_BYTES = 256 * 1024 * 1024;
const RESOURCES = 'resources.arsc';

/** An opened input: its bytes, its archive (for APKs) and its decoded manifest document. */
export interface OpenedInput {
  path: string;
  kind: InputKind;
  source: ByteSource;
  zip?: ZipArchive;
  document: XmlDocument;
  diagnostics: DiagnosticSink;
  limits: Limits;
}

/**
 * Opens an input and decodes its manifest document. The caller owns `source` and must close it.
 * No manifest model is built here, so that `dump manifest` can show documents Android rejects.
 */
export function openInput(path: string, options: LoadOptions = {}): OpenedInput {
  const kind = detectInputKind(path);
  const limits = withLimits(options.limits);
  const diagnostics = new DiagnosticSink(limits.maxDiagnostics);
  let source: ByteSource;
  try {
    // Small enough inputs are read in one go: the hash and every entry then come from memory, and
    // the file is read once. Larger ones (games with huge assets) are read entry by entry.
    source = kind !== 'apk' || statSync(path).size <= IN_MEMORY_BYTES ? new BufferSource(readFileSync(path), basename(path)) : new FileSource(path);
  } catch (e) {
    if (e instanceof PledgeError) throw e;
    throw new PledgeError('E_INPUT_UNREADABLE', `cannot open: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { entry: path });
  }
  try {
    if (source.size > limits.maxInputBytes) {
      throw new PledgeError('E_INPUT_TOO_LARGE', `${source.size} bytes, above the limit of ${limits.maxInputBytes}`, { entry: path });
    }
    if (kind !== 'apk') {
      return { path, kind, source, document: decodeManifestBytes(source.read(0, source.size), kind, diagnostics, limits), diagnostics, limits };
    }
    const zip = openZip(source, { limits, diagnostics });
    if (!zip.has(MANIFEST)) {
      throw new PledgeError('E_APK_NO_MANIFEST', 'the archive has no AndroidManifest.xml entry', {
        entry: basename(path),
        hint: zip.names().some((n) => n.endsWith('.apk')) ? 'this looks like a split bundle (.apks/.xapk); use `pledge-audit scan`' : undefined,
      });
    }
    const bytes = zip.read(MANIFEST);
    return { path, kind, source, zip, document: decodeManifestBytes(bytes, kindOfEntry(bytes), diagnostics, limits), diagnostics, limits };
  } catch (e) {
    source.close();
    throw toPledgeError(e);
  }
}

/**
 * Opens one input and builds its facts. The manifest is required: without it there is no app to
 * audit, and the error says why. Everything else is decoded lazily by AppFacts.
 */
export function loadApp(path: string, options: LoadOptions = {}): AppFacts {
  const opened = openInput(path, options);
  try {
    const { source, zip, document, diagnostics, kind } = opened;
    // The hash is computed on first use: the audit asks for it while the DEX files inflate on the
    // thread pool, so it costs no wall time on a large APK.
    let sha256: string | undefined;
    const input = {
      path,
      name: basename(path),
      kind,
      size: source.size,
      get sha256(): string {
        sha256 ??= sha256OfSource(source);
        return sha256;
      },
    };
    // In-memory inputs hash on the thread pool while the main thread decodes; the getter above
    // stays the fallback (and the only path for inputs read entry by entry).
    const hashing = source instanceof BufferSource ? sha256OfBuffer(source.read(0, source.size)).then((h) => (sha256 = h)) : undefined;
    const res = zip === undefined ? undefined : readResources(zip, diagnostics, opened.limits);
    const manifest = buildManifest(document, res?.table === undefined ? { entry: MANIFEST, diagnostics } : { entry: MANIFEST, diagnostics, resolve: resolverFor(res.table) });
    const facts = new AppFacts({
      input,
      manifest,
      manifestXml: document,
      diagnostics,
      ...(zip === undefined ? {} : { zip }),
      ...(res?.table === undefined ? {} : { resources: res.table }),
      ...(hashing === undefined ? {} : { hashing }),
    });
    if (res !== undefined) facts.setState('resources', res.state, res.error);
    return facts;
  } catch (e) {
    opened.source.close();
    throw toPledgeError(e);
  }
}

interface ResourcesResult {
  table?: ResourceTable;
  state: 'analysed' | 'absent' | 'failed';
  error?: PledgeError;
}

/** resources.arsc is optional (resource-less APKs exist); a broken one fails only what needs it. */
function readResources(zip: ZipArchive, diagnostics: DiagnosticSink, limits: Limits): ResourcesResult {
  if (!zip.has(RESOURCES)) return { state: 'absent' };
  try {
    return { table: parseArsc(zip.read(RESOURCES), { entry: RESOURCES, diagnostics, limits }), state: 'analysed' };
  } catch (e) {
    const error = toPledgeError(e, RESOURCES);
    diagnostics.add('W_ARTIFACT_FAILED', `${RESOURCES}: ${error.code} ${error.message}`, RESOURCES, error.offset);
    return { state: 'failed', error };
  }
}

/** Manifest references resolve in the default configuration, as the package manager reads them. */
export function resolverFor(table: ResourceTable): (resId: number) => ResolvedResource | undefined {
  return (resId) => {
    const r = table.resolve(resId);
    if (r?.value === undefined || r.stop !== undefined) return undefined;
    return { type: r.value.type, data: r.value.data, str: r.value.string ?? null };
  };
}

function kindOfEntry(bytes: Uint8Array): InputKind {
  // An APK normally carries binary XML; a few hand-built ones carry text, which Android rejects
  // but which is still worth auditing.
  let i = 0;
  while (i < bytes.length && i < 64 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09 || bytes[i] === 0xef || bytes[i] === 0xbb || bytes[i] === 0xbf)) i++;
  return bytes[i] === 0x3c ? 'text-manifest' : 'binary-manifest';
}

function decodeManifestBytes(bytes: Uint8Array, kind: InputKind, diagnostics: DiagnosticSink, limits: Limits): XmlDocument {
  if (kind === 'text-manifest') return parseTextXml(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), MANIFEST);
  return decodeAxml(bytes, { entry: MANIFEST, diagnostics, limits });
}
