/**
 * File-name patterns used by the catalogues: `*` matches any run of characters, a trailing `/`
 * matches everything under that folder, everything else is literal. Deliberately not regex: the
 * catalogue is data that third parties contribute to, and a pattern must not be able to cost
 * more than one linear scan.
 */
export interface FileGlob {
  readonly pattern: string;
  test(path: string): boolean;
}

export function compileGlob(pattern: string): FileGlob {
  if (pattern.endsWith('/')) return { pattern, test: (p) => p.startsWith(pattern) };
  if (!pattern.includes('*')) return { pattern, test: (p) => p === pattern };
  const parts = pattern.split('*');
  return { pattern, test: (p) => matchParts(parts, p) };
}

/** Literal pieces in order, the first anchored at the start and the last at the end. */
function matchParts(parts: readonly string[], s: string): boolean {
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (s.length < first.length + last.length) return false;
  if (!s.startsWith(first) || !s.endsWith(last)) return false;
  let at = first.length;
  const stop = s.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const piece = parts[i] ?? '';
    const found = s.indexOf(piece, at);
    if (found < 0 || found + piece.length > stop) return false;
    at = found + piece.length;
  }
  return true;
}

/** The file name of an APK path (`lib/arm64-v8a/libjcore.so` → `libjcore.so`). */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}
