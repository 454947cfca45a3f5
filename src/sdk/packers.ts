import { loadPackers } from './catalogue.js';
import { baseName, compileGlob } from './glob.js';
import type { FileGlob } from './glob.js';
import { PrefixTrie } from './prefix-trie.js';
import type { LocalizedName, PackerCatalogue, PackerRecord } from './types.js';

export interface PackerInput {
  /** APK paths of native libraries. */
  nativeLibs: string[];
  /** APK paths under assets/. */
  assets: string[];
  /** Every entry name of the APK, when available: some protectors drop marker files elsewhere. */
  entries?: string[];
  /** Classes defined in the DEX files (descriptors). */
  classDescriptors?: Iterable<string>;
  /** Manifest class names (components, the application class): the stub is usually the application. */
  components?: string[];
}

export interface PackerDetection {
  packer: { id: string; name: LocalizedName; vendor: LocalizedName };
  /** APK entries that matched a file signature, sorted. */
  files: string[];
  /** Stub classes (descriptors or manifest names) that matched, sorted. */
  classes: string[];
}

class PackerMatcher {
  private readonly nativeGlobs: { glob: FileGlob; packer: number }[] = [];
  private readonly fileGlobs: { glob: FileGlob; byName: boolean; packer: number }[] = [];
  private readonly trie = new PrefixTrie<number>();

  constructor(readonly catalogue: PackerCatalogue) {
    catalogue.packers.forEach((p, i) => {
      for (const n of p.nativeLibs) this.nativeGlobs.push({ glob: compileGlob(n), packer: i });
      // A pattern without a folder (`LIAPPClient.sc`) names a file wherever it sits.
      for (const a of p.assets) this.fileGlobs.push({ glob: compileGlob(a), byName: !a.includes('/'), packer: i });
      for (const c of p.classes) this.trie.add(c, i);
    });
  }

  detect(input: PackerInput): PackerDetection[] {
    const files = new Map<number, Set<string>>();
    const signatures = new Map<number, Set<string>>();
    const classes = new Map<number, Set<string>>();
    const hit = (i: number, file: string | undefined, cls: string | undefined, sig: string): void => {
      if (file !== undefined) add(files, i, file);
      if (cls !== undefined) add(classes, i, cls);
      add(signatures, i, sig);
    };
    for (const path of input.nativeLibs) {
      const name = baseName(path);
      for (const g of this.nativeGlobs) if (g.glob.test(name)) hit(g.packer, path, undefined, g.glob.pattern);
    }
    const paths = new Set([...input.assets, ...(input.entries ?? [])]);
    for (const path of paths) {
      // The file name once per path, not once per pattern (a large APK has thousands of entries).
      const name = baseName(path);
      for (const g of this.fileGlobs) if (g.glob.test(g.byName ? name : path)) hit(g.packer, path, undefined, g.glob.pattern);
    }
    for (const d of input.classDescriptors ?? []) {
      const i = this.trie.ownerOf(d);
      if (i !== undefined) hit(i, undefined, d, `class:${i}`);
    }
    for (const c of input.components ?? []) {
      const i = this.trie.ownerOfClassName(c);
      if (i !== undefined) hit(i, undefined, c, `class:${i}`);
    }
    const out: PackerDetection[] = [];
    for (const [i, sigs] of signatures) {
      const p = this.catalogue.packers[i] as PackerRecord;
      if (sigs.size < p.minMatches) continue;
      out.push({
        packer: { id: p.id, name: p.name, vendor: p.vendor },
        files: [...(files.get(i) ?? [])].sort(),
        classes: [...(classes.get(i) ?? [])].sort(),
      });
    }
    return out.sort((a, b) => (a.packer.id < b.packer.id ? -1 : a.packer.id > b.packer.id ? 1 : 0));
  }
}

function add(m: Map<number, Set<string>>, k: number, v: string): void {
  let s = m.get(k);
  if (s === undefined) {
    s = new Set();
    m.set(k, s);
  }
  s.add(v);
}

const matchers = new WeakMap<PackerCatalogue, PackerMatcher>();

/**
 * Packers and protectors an app was processed with, from file-name signatures (APKiD-style) and
 * stub classes. A hit means the DEX the other checks see is probably a loader, not the app.
 */
export function detectPackers(input: PackerInput, catalogue: PackerCatalogue = loadPackers()): PackerDetection[] {
  let m = matchers.get(catalogue);
  if (m === undefined) {
    m = new PackerMatcher(catalogue);
    matchers.set(catalogue, m);
  }
  return m.detect(input);
}
