import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MergedArchive, type MergedEntry } from '../apk/merged.js';
import { BufferSource, FileSource, type ByteSource } from '../apk/source.js';
import { openZip, type ZipArchive } from '../apk/zip.js';
import { parseProtoResourceTable, type ProtoResourceTable } from '../arsc/proto-table.js';
import { decodeAxml } from '../axml/decode.js';
import { decodeProtoXml } from '../axml/proto-xml.js';
import { ANDROID_NS, type XmlDocument, type XmlElement } from '../axml/types.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError, toPledgeError } from '../util/errors.js';
import type { Limits } from '../util/limits.js';

/**
 * Apps that come in several pieces, read as the one app Android installs:
 *  - an Android App Bundle (`.aab`): modules `base/`, `<feature>/`, each with `manifest/AndroidManifest.xml`
 *    (aapt2 protobuf XML), `dex/`, `lib/`, `assets/`, `root/`, `res/` and `resources.pb`;
 *  - a split set: bundletool's `.apks` (`toc.pb`, `splits/*.apk`), APKPure's `.xapk`
 *    (`manifest.json`, split APKs, OBB files), or several split APKs given together.
 * One base (no `split` attribute; the `base` module) plus its splits or modules. The merged
 * manifest is the base's with the components and permissions of the other parts' manifests, as
 * the package manager adds a split's components to the package; every DEX file of every part is
 * code of the app; names Android would see at one path (`lib/<abi>/x.so`, `assets/…`) keep it,
 * everything else is prefixed with its module or split so that evidence names where it came from.
 */
export type AppFormat = 'aab' | 'apks' | 'xapk' | 'split-apks';

export interface AppPart {
  /** A module name (`base`, `feature`) or the APK's file or entry name (`splits/base-master.apk`). */
  name: string;
  /** The `split` attribute of its manifest (`config.arm64_v8a`, `feature`); absent for the base. */
  split?: string;
  kind: 'base' | 'feature' | 'config' | 'asset-pack';
  /** Entries of the part, as named in the merged archive. */
  entries: number;
  /** DEX files of the part (merged names), in load order. */
  dex: string[];
  /** ABIs of its native libraries. */
  abis: string[];
}

export interface MultiPartApp {
  format: AppFormat;
  /** The whole app as one archive. */
  zip: MergedArchive;
  /** Where signatures are read: the bundle (v1 JAR signature of an .aab) or the base APK. */
  signed: ZipArchive;
  /** Per-split signatures for split sets (the base is `signed`). */
  splitArchives: { name: string; zip: ZipArchive }[];
  /** The merged manifest. */
  document: XmlDocument;
  /** Manifest references of a bundle resolve through base/resources.pb (absent for split sets). */
  protoResources?: ProtoResourceTable;
  /** Every module's resources.pb that decodes (its strings are the bundle's resource text). */
  protoTables: { entry: string; table: ProtoResourceTable }[];
  /** The base resources.pb failed to decode (the error), for the resources artifact's state. */
  protoFailure?: PledgeError;
  parts: AppPart[];
  /** DEX files of the whole app (merged names), base first, in load order per part. */
  dex: string[];
  /** Sources to close with the app (the outer file, and split files given separately). */
  sources: ByteSource[];
}

const MANIFEST = 'AndroidManifest.xml';
const DIST_NS = 'http://schemas.android.com/apk/distribution';
const DEX_RE = /^classes(\d*)\.dex$/;

interface ApkPiece {
  name: string;
  zip: ZipArchive;
  document: XmlDocument;
  split: string | undefined;
  packageName: string;
  versionCode: string;
}

/** Whether an opened zip (without a root AndroidManifest.xml) is a bundle or a split set. */
export function multiPartFormat(zip: ZipArchive, path: string): AppFormat | undefined {
  if (zip.has(MANIFEST)) return undefined;
  if (zip.has('BundleConfig.pb') || zip.has(`base/manifest/${MANIFEST}`)) return 'aab';
  const apks = zip.names().some((n) => n.toLowerCase().endsWith('.apk'));
  if (!apks) return undefined;
  if (zip.has('manifest.json') || path.toLowerCase().endsWith('.xapk')) return 'xapk';
  return 'apks';
}

/** Opens an `.aab`, `.apks` or `.xapk` already opened as `zip` (owned by the caller until returned). */
export function openMultiPart(zip: ZipArchive, format: AppFormat, opts: { limits: Limits; diagnostics: DiagnosticSink; path: string }): MultiPartApp {
  if (format === 'aab') return openBundle(zip, opts);
  const names = apkEntriesOf(zip, format);
  const pieces: ApkPiece[] = [];
  for (const n of names) {
    const bytes = zip.read(n, { cache: false });
    const piece = tryOpenApk(new BufferSource(bytes, n), n, opts);
    if (piece !== undefined) pieces.push(piece);
  }
  return assembleSplits(format, pieces, zip, [], opts);
}

/** Several split APK files given together (`base.apk split_config.arm64_v8a.apk …`). */
export function openSplitFiles(paths: readonly string[], opts: { limits: Limits; diagnostics: DiagnosticSink; inMemoryBytes: number }): MultiPartApp {
  const sources: ByteSource[] = [];
  try {
    const pieces: ApkPiece[] = [];
    for (const p of paths) {
      let source: ByteSource;
      try {
        source = statSync(p).size <= opts.inMemoryBytes ? new BufferSource(readFileSync(p), basename(p)) : new FileSource(p);
      } catch (e) {
        if (e instanceof PledgeError) throw e;
        throw new PledgeError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'E_INPUT_NOT_FOUND' : 'E_INPUT_UNREADABLE', `cannot open: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { entry: p });
      }
      sources.push(source);
      const piece = openApk(source, basename(p), opts);
      pieces.push(piece);
    }
    const base = pieces.find((x) => x.split === undefined);
    return assembleSplits('split-apks', pieces, base?.zip, sources, { ...opts, path: paths[0] ?? '' });
  } catch (e) {
    for (const s of sources) s.close();
    throw toPledgeError(e);
  }
}

/** Reads the package, versionCode and split name of an APK file, for grouping inputs. */
export function apkIdentity(path: string, limits: Limits, diagnostics: DiagnosticSink): { packageName: string; versionCode: string; split: string | undefined } | undefined {
  let source: FileSource | undefined;
  try {
    source = new FileSource(path);
    const piece = openApk(source, basename(path), { limits, diagnostics });
    return { packageName: piece.packageName, versionCode: piece.versionCode, split: piece.split };
  } catch {
    return undefined;
  } finally {
    source?.close();
  }
}

function apkEntriesOf(zip: ZipArchive, format: AppFormat): string[] {
  const all = zip.names().filter((n) => n.toLowerCase().endsWith('.apk') && !n.endsWith('/'));
  if (format === 'apks') {
    // bundletool: splits/ holds the split APKs of devices with splits (L+); standalones/ and
    // universal.apk are other variants of the same app, not parts of it.
    const splits = all.filter((n) => n.startsWith('splits/'));
    if (splits.length > 0) return splits;
    return all.filter((n) => !n.startsWith('standalones/'));
  }
  if (format === 'xapk' && zip.has('manifest.json')) {
    try {
      const m = JSON.parse(zip.read('manifest.json').toString('utf8')) as { split_apks?: { file?: unknown }[] };
      const listed = (m.split_apks ?? []).map((s) => s.file).filter((f): f is string => typeof f === 'string' && zip.has(f));
      if (listed.length > 0) return listed;
    } catch {
      // A broken manifest.json: every APK of the archive is a part.
    }
  }
  return all;
}

function tryOpenApk(source: ByteSource, name: string, opts: { limits: Limits; diagnostics: DiagnosticSink }): ApkPiece | undefined {
  try {
    return openApk(source, name, opts);
  } catch (e) {
    const err = toPledgeError(e);
    opts.diagnostics.add('W_ARTIFACT_FAILED', `${name}: ${err.code} ${err.message}; this split is not part of the analysis`, name);
    return undefined;
  }
}

function openApk(source: ByteSource, name: string, opts: { limits: Limits; diagnostics: DiagnosticSink }): ApkPiece {
  const zip = openZip(source, { limits: opts.limits, diagnostics: opts.diagnostics });
  if (!zip.has(MANIFEST)) throw new PledgeError('E_APK_NO_MANIFEST', 'the split has no AndroidManifest.xml entry', { entry: name });
  const document = decodeAxml(zip.read(MANIFEST), { entry: `${name}!/${MANIFEST}`, diagnostics: opts.diagnostics, limits: opts.limits });
  return { name, zip, document, ...identity(document.root) };
}

function plainAttr(el: XmlElement, name: string): string | undefined {
  const a = el.attrs.find((x) => x.name === name && (x.ns === null || x.ns === ''));
  return a?.str ?? a?.raw ?? undefined;
}

function identity(root: XmlElement): { split: string | undefined; packageName: string; versionCode: string } {
  const vc = root.attrs.find((a) => a.resId === 0x0101021b || (a.name === 'versionCode' && a.ns === ANDROID_NS));
  const versionCode = vc === undefined ? '' : vc.str !== null && vc.type === 0x03 ? vc.str : String(vc.data >>> 0);
  const split = plainAttr(root, 'split');
  return { split: split === '' ? undefined : split, packageName: plainAttr(root, 'package') ?? '', versionCode };
}

function assembleSplits(format: AppFormat, pieces: ApkPiece[], outer: ZipArchive | undefined, sources: ByteSource[], opts: { limits: Limits; path: string }): MultiPartApp {
  const bases = pieces.filter((p) => p.split === undefined);
  const base = bases[0];
  if (base === undefined || outer === undefined) {
    throw new PledgeError('E_SPLITS_NO_BASE', `none of the ${pieces.length} APKs is a base APK (each has a split attribute${pieces.length === 0 ? ', or none could be read' : ''})`, {
      entry: basename(opts.path),
      hint: 'give the base APK (the one without a split name) together with its splits',
    });
  }
  for (const p of pieces) {
    if (p === base) continue;
    if (p.packageName !== base.packageName || p.versionCode !== base.versionCode) {
      throw new PledgeError('E_SPLITS_MISMATCH', `${p.name} is ${p.packageName} versionCode ${p.versionCode || '(none)'}, the base ${base.name} is ${base.packageName} versionCode ${base.versionCode || '(none)'}`, {
        entry: p.name,
        hint: 'Android installs splits only with the base of the same package and versionCode',
      });
    }
    if (p.split === undefined) {
      throw new PledgeError('E_SPLITS_MISMATCH', `${p.name} and ${base.name} are both base APKs of ${base.packageName}`, { entry: p.name, hint: 'give one base APK and its splits' });
    }
  }
  const ordered = [base, ...pieces.filter((p) => p !== base)];
  const views: { view: string; entry: MergedEntry }[] = [];
  const taken = new Set<string>();
  const parts: AppPart[] = [];
  const allDex: string[] = [];
  for (const p of ordered) {
    const isBase = p === base;
    const label = p.name;
    const dexNames: { n: number; view: string }[] = [];
    const abis = new Set<string>();
    let count = 0;
    for (const n of p.zip.names()) {
      let view: string;
      const dex = DEX_RE.exec(n);
      if (isBase) view = n;
      else if ((n.startsWith('lib/') || n.startsWith('assets/')) && !taken.has(n)) view = n;
      else view = `${p.name}!/${n}`;
      if (taken.has(view)) continue;
      taken.add(view);
      views.push({ view, entry: { zip: p.zip, name: n, part: label } });
      count++;
      if (dex !== null) dexNames.push({ n: dex[1] === '' ? 1 : Number(dex[1]), view });
      const lib = /^lib\/([^/]+)\/[^/]+\.so$/.exec(n);
      if (lib !== null) abis.add(lib[1] as string);
    }
    // The base's DEX files are read by the APK rules (src/facts/code.ts); the splits' in number order.
    const dex = isBase ? [] : dexNames.sort((a, b) => a.n - b.n).map((d) => d.view);
    allDex.push(...dex);
    const kind: AppPart['kind'] = isBase ? 'base' : p.split !== undefined && /(^|\.)config\./.test(p.split) ? 'config' : 'feature';
    parts.push({ name: label, ...(p.split === undefined ? {} : { split: p.split }), kind, entries: count, dex: isBase ? dexNames.sort((a, b) => a.n - b.n).map((d) => d.view) : dex, abis: [...abis].sort() });
  }
  const document = mergeManifests(
    base.document,
    ordered.filter((p) => p !== base).map((p) => p.document),
  );
  const zip = new MergedArchive(base.zip, views, opts.limits);
  return {
    format,
    zip,
    signed: base.zip,
    splitArchives: ordered.filter((p) => p !== base).map((p) => ({ name: p.name, zip: p.zip })),
    document,
    protoTables: [],
    parts,
    dex: allDex,
    sources: [...sources, ...(outer === base.zip ? [] : [outer.source])],
  };
}

function openBundle(zip: ZipArchive, opts: { limits: Limits; diagnostics: DiagnosticSink; path: string }): MultiPartApp {
  const modules = [...new Set(zip.names().filter((n) => n.endsWith(`/manifest/${MANIFEST}`) && n.split('/').length === 3).map((n) => n.split('/')[0] as string))];
  if (!modules.includes('base')) {
    throw new PledgeError('E_SPLITS_NO_BASE', `the bundle has no base module (base/manifest/${MANIFEST}); modules: ${modules.join(', ') || 'none'}`, { entry: basename(opts.path) });
  }
  const ordered = ['base', ...modules.filter((m) => m !== 'base').sort()];
  const docs = new Map<string, XmlDocument>();
  for (const m of ordered) {
    const entry = `${m}/manifest/${MANIFEST}`;
    try {
      docs.set(m, decodeProtoXml(zip.read(entry), { entry }));
    } catch (e) {
      if (m === 'base') throw toPledgeError(e, entry);
      const err = toPledgeError(e, entry);
      opts.diagnostics.add('W_ARTIFACT_FAILED', `${entry}: ${err.code} ${err.message}; the module's manifest is not merged`, entry);
    }
  }
  const views: { view: string; entry: MergedEntry }[] = [];
  const taken = new Set<string>();
  const add = (view: string, name: string, part: string): boolean => {
    if (taken.has(view)) return false;
    taken.add(view);
    views.push({ view, entry: { zip, name, part } });
    return true;
  };
  // Bundle-level entries (BundleConfig.pb, META-INF/ of the bundle's own signature) keep their names.
  for (const n of zip.names()) if (!ordered.some((m) => n.startsWith(`${m}/`))) add(n, n, 'bundle');
  const parts: AppPart[] = [];
  const allDex: string[] = [];
  for (const m of ordered) {
    const doc = docs.get(m);
    const kind = m === 'base' ? 'base' : doc !== undefined && isAssetPack(doc.root) ? 'asset-pack' : 'feature';
    const dexNames: { n: number; view: string }[] = [];
    const abis = new Set<string>();
    let count = 0;
    for (const n of zip.names()) {
      if (!n.startsWith(`${m}/`) || n.endsWith('/')) continue;
      const rest = n.slice(m.length + 1);
      // What the module's APK would hold at that path: lib/, assets/ and root/ files (bundletool
      // moves root/ to the APK root); the rest keeps the module's folder.
      let view = n;
      if (rest.startsWith('lib/') || rest.startsWith('assets/')) view = rest;
      else if (rest.startsWith('root/')) view = rest.slice(5);
      if (!add(view, n, m) && !add(n, n, m)) continue;
      count++;
      const dex = /^dex\/classes(\d*)\.dex$/.exec(rest);
      if (dex !== null) dexNames.push({ n: dex[1] === '' ? 1 : Number(dex[1]), view: n });
      const lib = /^lib\/([^/]+)\/[^/]+\.so$/.exec(rest);
      if (lib !== null) abis.add(lib[1] as string);
    }
    const dex = dexNames.sort((a, b) => a.n - b.n).map((d) => d.view);
    allDex.push(...dex);
    parts.push({ name: m, ...(m === 'base' ? {} : { split: m }), kind, entries: count, dex, abis: [...abis].sort() });
  }
  const base = docs.get('base') as XmlDocument;
  const document = mergeManifests(
    base,
    ordered.filter((m) => m !== 'base' && parts.find((p) => p.name === m)?.kind === 'feature').flatMap((m) => (docs.has(m) ? [docs.get(m) as XmlDocument] : [])),
  );
  const protoTables: { entry: string; table: ProtoResourceTable }[] = [];
  let protoFailure: PledgeError | undefined;
  for (const m of ordered) {
    const entry = `${m}/resources.pb`;
    if (!zip.has(entry)) continue;
    try {
      protoTables.push({ entry, table: parseProtoResourceTable(zip.read(entry), { entry }) });
    } catch (e) {
      const err = toPledgeError(e, entry);
      if (m === 'base') protoFailure = err;
      opts.diagnostics.add('W_ARTIFACT_FAILED', `${entry}: ${err.code} ${err.message}${m === 'base' ? '; manifest references stay unresolved' : ''}`, entry);
    }
  }
  const protoResources = protoTables.find((t) => t.entry === 'base/resources.pb')?.table;
  return {
    format: 'aab',
    zip: new MergedArchive(zip, views, opts.limits),
    signed: zip,
    splitArchives: [],
    document,
    ...(protoResources === undefined ? {} : { protoResources }),
    protoTables,
    ...(protoFailure === undefined ? {} : { protoFailure }),
    parts,
    dex: allDex,
    sources: [],
  };
}

function isAssetPack(root: XmlElement): boolean {
  return root.children.some((c) => c.ns === DIST_NS && c.name === 'module' && c.attrs.some((a) => a.ns === DIST_NS && a.name === 'type' && a.str === 'asset-pack'));
}

/** Top-level elements of a split's manifest that join the app's (the rest are the split's own). */
const MERGED_TOP = new Set(['uses-permission', 'uses-permission-sdk-23', 'uses-permission-sdk-m', 'permission', 'uses-feature', 'queries']);

function androidName(el: XmlElement): string | undefined {
  const a = el.attrs.find((x) => x.resId === 0x01010003 || (x.name === 'name' && x.ns === ANDROID_NS));
  return a?.str ?? a?.raw ?? undefined;
}

/**
 * The base manifest with the components of the splits' `<application>` and their permissions,
 * features and queries; an element the base already has (same tag and android:name) is not added
 * twice. The base's own attributes (package, versions, application flags) are what Android uses.
 */
export function mergeManifests(base: XmlDocument, splits: readonly XmlDocument[]): XmlDocument {
  if (splits.length === 0) return base;
  const root: XmlElement = { ...base.root, children: [...base.root.children] };
  let appIndex = root.children.findIndex((c) => c.name === 'application' && c.ns === null);
  const keyOf = (el: XmlElement): string => `${el.name}\u0000${androidName(el) ?? ''}`;
  const topKeys = new Set(root.children.map(keyOf));
  let app: XmlElement | undefined;
  if (appIndex >= 0) {
    app = { ...(root.children[appIndex] as XmlElement) };
    app.children = [...app.children];
    root.children[appIndex] = app;
  }
  const appKeys = new Set((app?.children ?? []).map(keyOf));
  for (const s of splits) {
    for (const c of s.root.children) {
      if (c.ns !== null) continue;
      if (c.name === 'application') {
        if (app === undefined) {
          app = { ...c, attrs: [], children: [] };
          root.children.push(app);
          appIndex = root.children.length - 1;
        }
        for (const comp of c.children) {
          const k = keyOf(comp);
          if (androidName(comp) !== undefined && appKeys.has(k)) continue;
          appKeys.add(k);
          app.children.push(comp);
        }
      } else if (MERGED_TOP.has(c.name)) {
        const k = keyOf(c);
        if (topKeys.has(k)) continue;
        topKeys.add(k);
        root.children.push(c);
      }
    }
  }
  return { ...base, root };
}

/**
 * Groups the inputs of one command line into apps: a split APK (its manifest has a `split`
 * attribute) joins the base APK of its package; every other input is an app of its own. A split
 * whose package has no base joins the only base given (and is then E_SPLITS_MISMATCH), or else
 * stays with the other splits of its package (E_SPLITS_NO_BASE). Order follows the first input of
 * each app. Inputs that are not readable APKs stay alone: their audit says what is wrong.
 */
export function groupSplitInputs(paths: readonly string[], limits: Limits, diagnostics: DiagnosticSink): (string | string[])[] {
  if (paths.length < 2) return [...paths];
  const ids = paths.map((p) => apkIdentity(p, limits, diagnostics));
  if (!ids.some((id) => id?.split !== undefined)) return [...paths];
  const groups: string[][] = [];
  const baseOf = new Map<string, string[]>();
  ids.forEach((id, i) => {
    if (id !== undefined && id.split === undefined && !baseOf.has(id.packageName)) {
      const g = [paths[i] as string];
      baseOf.set(id.packageName, g);
    }
  });
  const onlyBase = baseOf.size === 1 ? [...baseOf.values()][0] : undefined;
  const orphans = new Map<string, string[]>();
  const placed = new Set<string[]>();
  ids.forEach((id, i) => {
    const p = paths[i] as string;
    let g: string[];
    if (id === undefined) g = [p];
    else if (id.split === undefined) g = baseOf.get(id.packageName)?.[0] === p ? (baseOf.get(id.packageName) as string[]) : [p];
    else {
      const target = baseOf.get(id.packageName) ?? onlyBase;
      if (target !== undefined) {
        target.push(p);
        g = target;
      } else {
        g = orphans.get(id.packageName) ?? [];
        g.push(p);
        orphans.set(id.packageName, g);
      }
    }
    if (!placed.has(g)) {
      placed.add(g);
      groups.push(g);
    }
  });
  return groups.map((g) => (g.length === 1 ? (g[0] as string) : g));
}
