/**
 * Package-prefix trie over class names, matched segment by segment so that a prefix only ever
 * matches at a name boundary. Exodus runs its signatures as unanchored regexes in which `.` also
 * matches `/`, which is how `com.dv` came to match `Lcom/dvtonder/…` (CLAUSES.md §2.4); walking
 * whole segments cannot make that mistake. The longest matching prefix wins, so
 * `com.amap.api.location` beats `com.amap.api`.
 *
 * Inner-class `$` is a boundary too: a class-level prefix such as `com.dv.DVSDK` owns
 * `Lcom/dv/DVSDK$1;` but not `Lcom/dv/DVSDKHelper;`.
 */

interface TrieNode<T> {
  children: Map<string, TrieNode<T>> | undefined;
  value: T | undefined;
}

const SLASH = 0x2f;
const DOT = 0x2e;
const DOLLAR = 0x24;
const SEMICOLON = 0x3b;
const BRACKET = 0x5b;
const UPPER_L = 0x4c;

export class PrefixTrie<T> {
  private readonly root: TrieNode<T> = { children: undefined, value: undefined };
  private count = 0;

  /** Number of prefixes stored. */
  get size(): number {
    return this.count;
  }

  /**
   * Stores `value` under a dotted prefix (`com.umeng.analytics`). Returns false, storing nothing,
   * for a prefix with an empty segment or fewer than two segments: a one-segment prefix (`com`)
   * would own half of every app. The first value stored under a prefix is kept.
   */
  add(prefix: string, value: T): boolean {
    const segments = prefix.split(/[.$]/);
    if (segments.length < 2 || segments.some((s) => s === '')) return false;
    let node = this.root;
    for (const seg of segments) {
      node.children ??= new Map();
      let next = node.children.get(seg);
      if (next === undefined) {
        next = { children: undefined, value: undefined };
        node.children.set(seg, next);
      }
      node = next;
    }
    if (node.value !== undefined) return false;
    node.value = value;
    this.count++;
    return true;
  }

  /**
   * The value of the longest prefix owning a type descriptor (`Lcom/umeng/analytics/a;`, also
   * `[Lcom/a/B;`). Primitives, malformed descriptors and classes in the default package own
   * nothing.
   */
  ownerOf(descriptor: string): T | undefined {
    let start = 0;
    while (start < descriptor.length && descriptor.charCodeAt(start) === BRACKET) start++;
    if (descriptor.charCodeAt(start) !== UPPER_L) return undefined;
    let end = descriptor.indexOf(';', start);
    if (end < 0) end = descriptor.length;
    return this.walk(descriptor, start + 1, end, SLASH);
  }

  /** The same for a dotted class name, as manifest components are written (`com.a.B$C`). */
  ownerOfClassName(name: string): T | undefined {
    return this.walk(name, 0, name.length, DOT);
  }

  private walk(s: string, start: number, end: number, sep: number): T | undefined {
    let node = this.root;
    let best: T | undefined;
    let i = start;
    while (i < end) {
      const children = node.children;
      if (children === undefined) return best;
      let j = i;
      while (j < end) {
        const c = s.charCodeAt(j);
        if (c === sep || c === DOLLAR || c === SEMICOLON) break;
        j++;
      }
      // An empty segment (`Lcom//a;`, `a..b`) is malformed: no deeper match can be trusted.
      if (j === i) return best;
      const next = children.get(s.slice(i, j));
      if (next === undefined) return best;
      node = next;
      if (node.value !== undefined) best = node.value;
      i = j + 1;
    }
    return best;
  }
}
