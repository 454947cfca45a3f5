import { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import type { Limits } from '../util/limits.js';
import { ZipArchive, type ZipEntry } from './zip.js';

/** Where one name of a merged archive really lives. */
export interface MergedEntry {
  zip: ZipArchive;
  name: string;
  /** The module or split it came from (`base`, `feature`, `split_config.arm64_v8a.apk`). */
  part: string;
}

/**
 * One app made of several archives (the APKs of a split set, the modules of an app bundle) seen
 * as one archive, so that every stage that reads entries by name (text index, native libraries,
 * key material, packers) reads the whole app. Names are chosen by the caller (src/input/parts.ts):
 * what Android would see at the same path keeps it (`lib/arm64-v8a/libx.so` from an ABI split),
 * everything else keeps a prefix that names its module or split (`feature/dex/classes.dex`,
 * `split_feature.apk!/res/layout/a.xml`). The first archive is the primary one: its central
 * directory, layout and source are this archive's own (signatures are read from the real
 * archives, never from this view).
 */
export class MergedArchive extends ZipArchive {
  private readonly map = new Map<string, MergedEntry>();

  constructor(
    primary: ZipArchive,
    entries: readonly { view: string; entry: MergedEntry }[],
    limits?: Limits,
  ) {
    // The primary's central directory is read again into a private sink: its diagnostics were
    // recorded when it was opened.
    super(primary.source, { ...(limits === undefined ? {} : { limits }), diagnostics: new DiagnosticSink(1) });
    for (const { view, entry } of entries) if (!this.map.has(view)) this.map.set(view, entry);
  }

  /** The archive and name behind a view name. */
  locate(name: string): MergedEntry | undefined {
    return this.map.get(name);
  }

  /** Module or split of a view name. */
  partOf(name: string): string | undefined {
    return this.map.get(name)?.part;
  }

  override has(name: string): boolean {
    return this.map.has(name);
  }

  override entry(name: string): ZipEntry | undefined {
    const m = this.map.get(name);
    return m?.zip.entry(m.name);
  }

  override names(): string[] {
    return [...this.map.keys()];
  }

  override read(name: string, opts: { cache?: boolean; maxBytes?: number } = {}): Buffer {
    const m = this.map.get(name);
    if (m === undefined) throw new PledgeError('E_ZIP_ENTRY_NOT_FOUND', `no entry named "${name}"`, { entry: name });
    try {
      return m.zip.read(m.name, opts);
    } catch (e) {
      throw e instanceof PledgeError && e.entry === m.name ? e.withEntry(name) : e;
    }
  }

  override async readAsync(name: string, opts: { cache?: boolean; maxBytes?: number } = {}): Promise<Buffer> {
    const m = this.map.get(name);
    if (m === undefined) throw new PledgeError('E_ZIP_ENTRY_NOT_FOUND', `no entry named "${name}"`, { entry: name });
    try {
      return await m.zip.readAsync(m.name, opts);
    } catch (e) {
      throw e instanceof PledgeError && e.entry === m.name ? e.withEntry(name) : e;
    }
  }

  override get bytesInflated(): number {
    let n = 0;
    for (const z of new Set([...this.map.values()].map((m) => m.zip))) n += z.bytesInflated;
    return n;
  }
}

/**
 * The archive and entry name that hold `name`: itself for a plain archive, the part's for a merged
 * one. Readers that go to the bytes directly (a prefix of a large entry) resolve through it.
 */
export function underlyingEntry(zip: ZipArchive, name: string): { zip: ZipArchive; name: string } {
  if (zip instanceof MergedArchive) {
    const m = zip.locate(name);
    if (m !== undefined) return { zip: m.zip, name: m.name };
  }
  return { zip, name };
}
