import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSource, BufferSource } from '../apk/source.js';
import { openZip, type ZipArchive } from '../apk/zip.js';
import { decodeAxml } from '../axml/decode.js';
import { PledgeError, toPledgeError } from '../util/errors.js';
import { DEFAULT_LIMITS } from '../util/limits.js';

/**
 * Split bundles (.apks from bundletool or SAI, .xapk from APKPure) are zips of APKs: one base
 * APK and splits (per ABI, density, language, or feature). The single-app auditor reads one APK,
 * so a bundle is audited through its base APK, and the split names are recorded with the result.
 * Limitation (docs/batch.md): code, manifests and native libraries that live only in splits
 * (feature splits, `lib/` in ABI splits) are not analysed.
 */
export interface BundleInfo {
  /** The entry audited as the app. */
  base: string;
  /** Every other APK in the bundle, in archive order. */
  splits: string[];
}

const MANIFEST = 'AndroidManifest.xml';

export function apkEntries(zip: ZipArchive): string[] {
  return zip.names().filter((n) => n.toLowerCase().endsWith('.apk') && !n.endsWith('/'));
}

/** A zip without its own manifest that carries APKs: what Android's installer calls a session of splits. */
export function looksLikeBundle(zip: ZipArchive): boolean {
  return !zip.has(MANIFEST) && apkEntries(zip).length > 0;
}

function baseName(entry: string): string {
  const i = entry.lastIndexOf('/');
  return (i < 0 ? entry : entry.slice(i + 1)).toLowerCase();
}

/**
 * Names that usually hold the base come first, so that normally one APK is inflated: bundletool's
 * `base-master.apk`, SAI's and Play's `base.apk`, then anything that is not named as a split
 * (`split_…`, `config.…`) and is not a pre-Lollipop standalone.
 */
function likelyBaseFirst(names: string[]): string[] {
  const rank = (n: string): number => {
    const b = baseName(n);
    if (b === 'base.apk' || b === 'base-master.apk') return 0;
    if (n.startsWith('standalones/')) return 3;
    if (b.startsWith('split_') || b.startsWith('config.') || b.includes('.config.')) return 2;
    return 1;
  };
  return names.map((n, i) => ({ n, i, r: rank(n) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.n);
}

/** Whether an inner APK's manifest is a base manifest: Android marks splits with a `split` attribute on <manifest>. */
function isBaseApk(bytes: Buffer, entry: string): boolean {
  try {
    const inner = openZip(new BufferSource(bytes, entry), { limits: DEFAULT_LIMITS });
    if (!inner.has(MANIFEST)) return false;
    const doc = decodeAxml(inner.read(MANIFEST), { entry: `${entry}!/${MANIFEST}`, limits: DEFAULT_LIMITS });
    return doc.root.name === 'manifest' && !doc.root.attrs.some((a) => a.name === 'split' && (a.ns === null || a.ns === ''));
  } catch {
    // A broken split is not the base; a broken base is found by the audit itself when no other
    // APK qualifies (see the fallback in chooseBase).
    return false;
  }
}

/**
 * The base APK of a bundle: the APK whose manifest has no `split` attribute. When none can be
 * read, a name that is clearly the base (`base.apk`) is still audited, so that the audit reports
 * what is wrong with it instead of a generic "no base".
 */
export function chooseBase(zip: ZipArchive): { base: string; bytes: Buffer } {
  const names = likelyBaseFirst(apkEntries(zip));
  for (const n of names) {
    const bytes = zip.read(n, { cache: false });
    if (isBaseApk(bytes, n)) return { base: n, bytes };
  }
  const byName = names.find((n) => baseName(n) === 'base.apk' || baseName(n) === 'base-master.apk');
  if (byName !== undefined) return { base: byName, bytes: zip.read(byName, { cache: false }) };
  throw new PledgeError('E_BUNDLE_NO_BASE', `none of the ${names.length} APKs in the bundle is a base APK (each has a split attribute or no readable manifest)`);
}

/**
 * Writes the bundle's base APK to `dir` and returns where, with the bundle's layout. The caller
 * deletes the file. Throws a PledgeError when the archive cannot be read or holds no base.
 */
export function extractBase(path: string, dir: string, id: string): { file: string; info: BundleInfo } {
  let source: FileSource | undefined;
  try {
    source = new FileSource(path);
    const zip = openZip(source, { limits: DEFAULT_LIMITS });
    const apks = apkEntries(zip);
    if (apks.length === 0) {
      throw new PledgeError('E_BUNDLE_NO_BASE', zip.has(MANIFEST) ? 'this is an APK, not a bundle' : 'the archive holds no APK');
    }
    const { base, bytes } = chooseBase(zip);
    const file = join(dir, `${id}-base.apk`);
    writeFileSync(file, bytes);
    return { file, info: { base, splits: apks.filter((n) => n !== base) } };
  } catch (e) {
    throw toPledgeError(e);
  } finally {
    source?.close();
  }
}

/** Whether the file at `path` is a bundle although its name says APK (dumps rename freely). */
export function isBundleFile(path: string): boolean {
  let source: FileSource | undefined;
  try {
    source = new FileSource(path);
    return looksLikeBundle(openZip(source, { limits: DEFAULT_LIMITS }));
  } catch {
    return false;
  } finally {
    source?.close();
  }
}
