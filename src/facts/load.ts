import { basename } from 'node:path';
import { readWholeFile, sha256OfSource } from '../apk/hash.js';
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
import type { ProtoResourceTable } from '../arsc/proto-table.js';
import type { ResolvedResource } from '../manifest/build.js';
import { AppFacts } from './app-facts.js';
import { multiPartFormat, openMultiPart, openSplitFiles, type MultiPartApp } from '../input/parts.js';
import { CodeFacts } from './code.js';
import { buildStringIndex } from './strings/index.js';
import type { StringIndex } from './strings/types.js';
import { readSigning, type SigningInfo } from '../sign/index.js';
import { ARTIFACTS, type Artifact, type ArtifactState } from '../model/index.js';

export interface LoadOptions {
  limits?: Partial<Limits>;
  /** Artifacts the checks to run need (default: all); the others are not decoded. */
  needs?: ReadonlySet<Artifact>;
  /** Build the startup call graph (default true); off only to measure what it costs. */
  reachability?: boolean;
}

const ALL_ARTIFACTS: ReadonlySet<Artifact> = new Set(ARTIFACTS);

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
  /** An app in several pieces (.aab, .apks, .xapk, split APKs given together): `zip` is their merged view. */
  multi?: MultiPartApp;
}

/**
 * Opens an input and decodes its manifest document. The caller owns `source` and must close it.
 * No manifest model is built here, so that `dump manifest` can show documents Android rejects.
 */
export function openInput(path: string | readonly string[], options: LoadOptions = {}): OpenedInput {
  if (typeof path !== 'string') {
    if (path.length === 1) return openInput(path[0] as string, options);
    return openSplitSet(path, options);
  }
  const kind = detectInputKind(path);
  const limits = withLimits(options.limits);
  const diagnostics = new DiagnosticSink(limits.maxDiagnostics);
  let source: ByteSource;
  try {
    // An archive is read entry by entry: an audit reads about a third of a large APK (its DEX
    // files, manifest and resources; not the assets, libraries and images), and memory touched for
    // the first time costs a page fault per 4 KiB, which on a virtual machine is 3–4 ms per MB.
    // The hash walks the file through one small buffer, while the DEX files inflate (loadFacts).
    source = kind === 'apk' ? new FileSource(path) : new BufferSource(readWholeFile(path), basename(path));
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
    const format = multiPartFormat(zip, path);
    if (format !== undefined) {
      const multi = openMultiPart(zip, format, { limits, diagnostics, path });
      return { path, kind, source, zip: multi.zip, document: multi.document, diagnostics, limits, multi };
    }
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

/** Several split APK files of one app (each path is checked to exist first). */
function openSplitSet(paths: readonly string[], options: LoadOptions): OpenedInput {
  for (const p of paths) detectInputKind(p);
  const limits = withLimits(options.limits);
  const diagnostics = new DiagnosticSink(limits.maxDiagnostics);
  const multi = openSplitFiles(paths, { limits, diagnostics, inMemoryBytes: IN_MEMORY_BYTES });
  const path = paths.find((p) => basename(p) === multi.parts[0]?.name) ?? (paths[0] as string);
  return { path, kind: 'apk', source: multi.zip.source, zip: multi.zip, document: multi.document, diagnostics, limits, multi };
}

/**
 * Opens one input and builds its finished facts: the manifest (required: without it there is no
 * app, and the error says why), resources, and what the checks to run need of the code, the text
 * index and the signatures, each decoded once here. An artifact that fails to decode is recorded
 * (its checks become coverage notes) and the rest still counts; only input-level failures throw.
 */
export async function loadFacts(path: string | readonly string[], options: LoadOptions = {}): Promise<AppFacts> {
  const opened = openInput(path, options);
  try {
    const { source, zip, document, diagnostics, kind, limits, multi } = opened;
    path = opened.path;
    const needs = options.needs ?? ALL_ARTIFACTS;
    // Hashed while the DEX files inflate, else on first use.
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
    const states = new Map<Artifact, ArtifactState>([['manifest', 'analysed']]);
    const failures = new Map<Artifact, PledgeError>();
    const record = (a: Artifact, s: ArtifactState, error?: PledgeError): void => {
      states.set(a, s);
      if (error !== undefined) failures.set(a, error);
    };
    const res = zip === undefined ? undefined : readResources(zip, diagnostics, limits);
    if (res !== undefined) record('resources', res.state, res.error);
    // A bundle's resources.pb resolves the manifest's references; its strings, and those of the
    // feature modules, are searched by the text index.
    const proto = multi?.protoResources;
    if (multi?.format === 'aab') {
      if (multi.protoResources !== undefined) record('resources', 'analysed');
      else if (multi.protoFailure !== undefined) record('resources', 'failed', multi.protoFailure);
      else record('resources', 'absent');
    }
    const resolve = res?.table !== undefined ? resolverFor(res.table) : proto !== undefined ? protoResolver(proto) : undefined;
    const manifest = buildManifest(document, resolve === undefined ? { entry: MANIFEST, diagnostics } : { entry: MANIFEST, diagnostics, resolve });
    let code: CodeFacts | undefined;
    let strings: StringIndex | undefined;
    let signing: SigningInfo | undefined;
    if (zip !== undefined) {
      // Text checks read DEX strings too: the code is loaded for them as well.
      if (needs.has('dex') || needs.has('assets') || needs.has('native')) {
        const loading = CodeFacts.load(zip, diagnostics, limits, multi?.dex ?? []);
        // The DEX files inflate on the thread pool meanwhile: the input is hashed in that wait
        // (20 ms of an 18 MB APK) instead of on its own.
        sha256 ??= sha256OfSource(source);
        code = await loading;
        if (code.units.length === 0 && code.failed.length === 0) record('dex', 'absent');
        else if (code.units.length === 0) record('dex', 'failed', code.failed[0]?.error);
        else record('dex', 'analysed');
      }
      if (needs.has('resources') || needs.has('assets') || needs.has('native')) {
        try {
          strings = buildStringIndex({ diagnostics, zip, resources: res?.table, code, ...(multi === undefined ? {} : { protoResources: multi.protoTables }) }, { limits });
          record('assets', strings.artifacts.assets);
          record('native', strings.artifacts.native);
        } catch (e) {
          const error = toPledgeError(e);
          diagnostics.add('W_ARTIFACT_FAILED', `string index: ${error.code} ${error.message}`, error.entry, error.offset);
          record('assets', 'failed', error);
          record('native', 'failed', error);
        }
      }
      if (needs.has('signing')) {
        signing = readSigning(multi?.signed ?? zip, { diagnostics });
        // A bundle's JAR signature is its upload signature: devices install APKs that Play (or
        // bundletool) signs again, so the signing checks have nothing to say about it. `dump
        // signing` still shows it.
        record('signing', multi?.format === 'aab' ? 'unavailable' : 'analysed');
        // Per-split signatures: Android installs splits only when they carry the base's certificates.
        const baseCerts = signerCerts(signing);
        for (const split of multi?.splitArchives ?? []) {
          const certs = signerCerts(readSigning(split.zip, { diagnostics }));
          if (certs === '' || certs !== baseCerts) diagnostics.add('W_SPLIT_SIGNER', `${split.name}: ${certs === '' ? 'no signature' : `signed by ${certs}`}, the base by ${baseCerts || 'nobody'}`, split.name);
        }
      }
    }
    return new AppFacts({
      input,
      manifest,
      manifestXml: document,
      diagnostics,
      states,
      failures,
      ...(options.reachability === false ? { reachability: false } : {}),
      ...(multi === undefined ? {} : { bundle: { format: multi.format, parts: multi.parts, close: () => multi.sources.forEach((s) => s.close()), ...(proto === undefined ? {} : { resolveFile: protoFileResolver(proto, zip) }) } }),
      ...(zip === undefined ? {} : { zip }),
      ...(res?.table === undefined ? {} : { resources: res.table }),
      ...(code === undefined ? {} : { code }),
      ...(strings === undefined ? {} : { strings }),
      ...(signing === undefined ? {} : { signing }),
    });
  } catch (e) {
    opened.source.close();
    for (const s of opened.multi?.sources ?? []) s.close();
    throw toPledgeError(e);
  }
}

/** The signers' certificate digests, sorted and deduplicated ('' when unsigned). */
function signerCerts(info: SigningInfo): string {
  return [...new Set(info.signers.map((x) => x.certificate.sha256))].sort().join(',');
}

function protoResolver(table: ProtoResourceTable): (resId: number) => ResolvedResource | undefined {
  return (resId) => {
    const v = table.resolve(resId);
    return v === undefined ? undefined : { type: v.type, data: v.data, str: v.str };
  };
}

/** `@xml/nsc` of a bundle → the base module's file as the merged archive names it (`base/res/xml/nsc.xml`). */
function protoFileResolver(table: ProtoResourceTable, zip: ZipArchive | undefined): (resId: number) => string | undefined {
  return (resId) => {
    const v = table.resolve(resId);
    if (v?.str === undefined || v.str === null) return undefined;
    const entry = `base/${v.str}`;
    return zip?.has(entry) === true ? entry : undefined;
  };
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
  if (kind === 'text-manifest') return parseTextXml(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), MANIFEST, limits);
  return decodeAxml(bytes, { entry: MANIFEST, diagnostics, limits });
}
