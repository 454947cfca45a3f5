import type { XmlDocument, XmlElement } from '../axml/types.js';
import type { SourceTree } from '../input/source-root.js';
import { locateEvidencePath } from '../manifest/locate.js';
import { parseTextXml } from '../manifest/text.js';
import type { Location, SourceRef } from '../model/index.js';
import type { AppFacts } from './app-facts.js';
import { MANIFEST_ENTRY } from './evidence.js';
import { escapeRegExp } from '../util/escape.js';

/**
 * Evidence locations → places in source (SourceRef): the report builder asks once per piece of
 * evidence. With a source tree, manifest evidence goes to the element's line in the app's own
 * AndroidManifest.xml, code evidence to the class's source file and the line the DEX debug info
 * gives, resource files to the module's `res/` and `assets/`. For a plain-text manifest input,
 * every piece of evidence gets a line and column in that file. Nothing found is no SourceRef: the
 * evidence keeps its APK location.
 */
export class SourceLocator {
  private manifest: SourceManifest | null | undefined;
  private readonly classFiles = new Map<string, SourceFile | null>();
  private readonly lineCounts = new Map<string, string[]>();

  constructor(
    private readonly facts: AppFacts,
    private readonly tree: SourceTree | undefined,
  ) {}

  locate(l: Location): SourceRef | undefined {
    if (this.facts.input.kind === 'text-manifest') return this.inInput(l);
    if (this.tree === undefined) return undefined;
    switch (l.kind) {
      case 'manifest':
        return l.entry === MANIFEST_ENTRY ? this.inSourceManifest(l.path) : undefined;
      case 'dex':
        return this.inCode(l.method, l.pc);
      case 'file':
        return this.inModuleFile(l.entry, l.line);
      default:
        return undefined;
    }
  }

  /** A plain-text manifest input: the element the path names, else the root element. */
  private inInput(l: Location): SourceRef {
    const doc = this.facts.manifestXml;
    const at = l.kind === 'manifest' ? locateEvidencePath(doc, l.path, this.facts.manifest.package) : undefined;
    const pos = at ?? elementPosition(doc.root);
    return { base: 'input', file: this.facts.input.path, ...pos };
  }

  private inSourceManifest(path: string): SourceRef | undefined {
    const m = this.sourceManifest();
    if (m === undefined) return undefined;
    const at = locateEvidencePath(m.doc, path, m.pkg);
    if (at === undefined) return undefined;
    return { base: 'root', file: m.file, line: at.line, ...(at.column === undefined ? {} : { column: at.column }) };
  }

  /**
   * The app's source AndroidManifest.xml: one whose package, or whose module's Gradle namespace
   * or applicationId, is the app's package (`src/main` first, then the shortest path); else the
   * conventional `app/src/main`, `src/main` or root one when it names no other package.
   */
  private sourceManifest(): SourceManifest | undefined {
    if (this.manifest !== undefined) return this.manifest ?? undefined;
    const tree = this.tree;
    this.manifest = null;
    if (tree === undefined) return undefined;
    const pkg = this.facts.manifest.package;
    const candidates: (SourceManifest & { ids: string[] })[] = [];
    for (const file of tree.manifests.slice(0, MAX_MANIFESTS)) {
      const text = tree.read(file);
      if (text === undefined) continue;
      let doc: XmlDocument;
      try {
        doc = parseTextXml(text, file);
      } catch {
        continue;
      }
      if (doc.root.name !== 'manifest') continue;
      const declared = doc.root.attrs.find((a) => a.ns === null && a.name === 'package')?.raw ?? undefined;
      const gradle = gradleIds(tree, file);
      const ids = [declared, gradle.namespace, gradle.applicationId].filter((x): x is string => x !== undefined && x !== '');
      candidates.push({ file, doc, pkg: declared ?? gradle.namespace ?? pkg, ids });
    }
    const matching = candidates.filter((c) => c.ids.includes(pkg));
    matching.sort((a, b) => Number(!a.file.includes('src/main/')) - Number(!b.file.includes('src/main/')) || a.file.length - b.file.length || (a.file < b.file ? -1 : 1));
    let pick: SourceManifest | undefined = matching[0];
    if (pick === undefined) {
      for (const conventional of ['app/src/main/AndroidManifest.xml', 'src/main/AndroidManifest.xml', 'AndroidManifest.xml']) {
        const c = candidates.find((x) => x.file === conventional);
        if (c !== undefined && c.ids.length === 0) {
          pick = c;
          break;
        }
      }
    }
    this.manifest = pick === undefined ? null : { file: pick.file, doc: pick.doc, pkg: pick.pkg };
    return pick;
  }

  /** `res/layout/a.xml` and `assets/x` of the APK → the same file beside the source manifest. */
  private inModuleFile(entry: string, line: number | undefined): SourceRef | undefined {
    if (!/^(res|assets)\//.test(entry) || entry.includes('..')) return undefined;
    const m = this.sourceManifest();
    if (m === undefined || this.tree === undefined) return undefined;
    const slash = m.file.lastIndexOf('/');
    const file = slash < 0 ? entry : `${m.file.slice(0, slash)}/${entry}`;
    if (!this.tree.has(file)) return undefined;
    return line !== undefined && line > 0 && line <= this.lines(file).length ? { base: 'root', file, line } : { base: 'root', file };
  }

  private inCode(method: string, pc: number | undefined): SourceRef | undefined {
    const arrow = method.indexOf('->');
    const cls = arrow < 0 ? method : method.slice(0, arrow);
    const src = this.classFile(cls);
    if (src === undefined) return undefined;
    const lines = this.lines(src.file);
    if (arrow >= 0) {
      const line = this.facts.code?.sourceLine(method, pc);
      // Kotlin maps inlined code to lines past the end of the file (its SMAP): not this file's.
      if (line !== undefined && line <= lines.length) return { base: 'root', file: src.file, line };
      const name = method.slice(arrow + 2, method.indexOf('(', arrow));
      const decl = name.startsWith('<') ? undefined : findLine(lines, new RegExp(`(?:\\bfun\\s+(?:[\\w.<>]+\\.)?|[\\w>\\]]\\s+)(${escapeRegExp(name)})\\s*[(<]`));
      if (decl !== undefined) return { base: 'root', file: src.file, ...decl };
    }
    return src.decl === undefined ? { base: 'root', file: src.file } : { base: 'root', file: src.file, ...src.decl };
  }

  /**
   * The source file of a class: `<code dir>/<package path>/<file>` for each code folder, the file
   * named by the DEX's SourceFile first, then `Outer.java`, `Outer.kt` (`FooKt` → `Foo.kt`);
   * else a Kotlin file of the package folder that declares the class.
   */
  private classFile(desc: string): SourceFile | undefined {
    const hit = this.classFiles.get(desc);
    if (hit !== undefined) return hit ?? undefined;
    const found = this.findClassFile(desc);
    this.classFiles.set(desc, found ?? null);
    return found;
  }

  private findClassFile(desc: string): SourceFile | undefined {
    const tree = this.tree;
    if (tree === undefined || !/^L[^;[]+;$/.test(desc)) return undefined;
    const internal = desc.slice(1, -1);
    const slash = internal.lastIndexOf('/');
    const pkgDir = slash < 0 ? '' : internal.slice(0, slash);
    const outer = (slash < 0 ? internal : internal.slice(slash + 1)).split('$')[0] ?? '';
    if (outer === '' || pkgDir.split('/').some((p) => p === '' || p === '.' || p === '..')) return undefined;
    const names: string[] = [];
    const recorded = this.facts.code?.sourceFileName(desc);
    if (recorded !== undefined && /^[\w$-]+\.(java|kt)$/.test(recorded)) names.push(recorded);
    names.push(`${outer}.java`, `${outer}.kt`);
    if (outer.endsWith('Kt') && outer.length > 2) names.push(`${outer.slice(0, -2)}.kt`);
    const dirs = tree.codeDirs.map((d) => (d === '' ? pkgDir : pkgDir === '' ? d : `${d}/${pkgDir}`));
    const declRe = new RegExp(`\\b(?:class|interface|enum|object|record)\\s+(${escapeRegExp(outer)})\\b`);
    for (const dir of dirs) {
      for (const name of names) {
        const file = dir === '' ? name : `${dir}/${name}`;
        if (tree.has(file)) return { file, decl: findLine(this.lines(file), declRe) };
      }
    }
    // Kotlin puts classes in files of any name: the package folder's file that declares it.
    for (const dir of dirs) {
      for (const name of tree.list(dir).filter((n) => n.endsWith('.kt')).slice(0, MAX_KOTLIN_FILES)) {
        const file = dir === '' ? name : `${dir}/${name}`;
        const decl = findLine(this.lines(file), declRe);
        if (decl !== undefined) return { file, decl };
      }
    }
    return undefined;
  }

  private lines(file: string): string[] {
    let l = this.lineCounts.get(file);
    if (l === undefined) {
      l = (this.tree?.read(file) ?? '').split(/\r\n|\r|\n/);
      this.lineCounts.set(file, l);
    }
    return l;
  }
}

interface SourceManifest {
  /** Relative to the source root. */
  file: string;
  doc: XmlDocument;
  /** What relative class names (`.Main`) are qualified against. */
  pkg: string;
}

interface SourceFile {
  file: string;
  /** Where the class is declared. */
  decl: { line: number; column: number } | undefined;
}

const MAX_MANIFESTS = 200;
const MAX_KOTLIN_FILES = 500;

function elementPosition(el: XmlElement): { line?: number; column?: number } {
  if (!(el.line > 0)) return {};
  return el.column === undefined ? { line: el.line } : { line: el.line, column: el.column };
}

/** The first line matching `re` (outside `//` comments), with the column of its first group. */
function findLine(lines: readonly string[], re: RegExp): { line: number; column: number } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    const m = re.exec(text);
    if (m === null) continue;
    const comment = text.indexOf('//');
    const at = m.index + m[0].indexOf(m[1] ?? m[0]);
    if (comment >= 0 && comment < at) continue;
    return { line: i + 1, column: at + 1 };
  }
  return undefined;
}

/** The Gradle namespace and applicationId of the module a manifest belongs to (`<module>/src/<set>/AndroidManifest.xml`). */
function gradleIds(tree: SourceTree, manifest: string): { namespace?: string; applicationId?: string } {
  const m = /^(?:(.*)\/)?src\/[^/]+\/AndroidManifest\.xml$/.exec(manifest);
  if (m === null) return {};
  const module = m[1] ?? '';
  for (const name of ['build.gradle.kts', 'build.gradle']) {
    const text = tree.read(module === '' ? name : `${module}/${name}`);
    if (text === undefined) continue;
    const ns = /\bnamespace\s*=?\s*["']([\w.]+)["']/.exec(text)?.[1];
    const id = /\bapplicationId\s*=?\s*["']([\w.]+)["']/.exec(text)?.[1];
    return { ...(ns === undefined ? {} : { namespace: ns }), ...(id === undefined ? {} : { applicationId: id }) };
  }
  return {};
}
