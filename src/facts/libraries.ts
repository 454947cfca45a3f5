import { loadData } from '../util/data-path.js';

interface LibraryData {
  source: string;
  libraries: { name: string; prefixes: string[] }[];
}

let byPrefix: Map<string, string> | undefined;

/**
 * The well-known open-source or platform library (rules/data/libraries.json) whose package holds
 * a dotted class name, matched at package boundaries: `androidx.core.app.X` → AndroidX, while
 * `kotlinfoo.X` matches nothing.
 */
export function libraryOfClass(className: string): string | undefined {
  if (byPrefix === undefined) {
    byPrefix = new Map();
    for (const lib of loadData<LibraryData>('libraries.json').libraries) for (const p of lib.prefixes) byPrefix.set(p, lib.name);
  }
  for (let end = className.lastIndexOf('.'); end > 0; end = className.lastIndexOf('.', end - 1)) {
    const hit = byPrefix.get(className.slice(0, end));
    if (hit !== undefined) return hit;
  }
  return undefined;
}
