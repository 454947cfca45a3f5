/**
 * Which zip entries of an APK are its DEX files.
 *
 * Android (libdexfile DexFileLoader, and PathClassLoader before it) loads "classes.dex", then
 * "classes2.dex", "classes3.dex", … and stops at the first number that is missing. So
 * "classes1.dex", "classes02.dex", a gap ("classes.dex", "classes3.dex") or "classes2.dex"
 * without "classes.dex" leave code in the APK that never runs.
 *
 * androguard 3.4 (APK.get_dex_names) instead takes every entry matching the regex
 * `classes(\d*).dex` from the start of the name (re.match, no end anchor, "." matching any
 * character): it also counts "classes1.dex", "classes02.dex", entries after a gap, and names like
 * "classes.dex.bak" or "classes2_dex". In the corpus the two agree on every APK (all are
 * classes.dex … classesN.dex without gaps); the oracle test counts with the androguard rule so
 * that the comparison is like with like.
 */

/** The DEX entries Android loads, in load order. */
export function dexEntryNames(names: Iterable<string>): string[] {
  const present = new Set(names);
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const name = i === 1 ? 'classes.dex' : `classes${i}.dex`;
    if (!present.has(name)) break;
    out.push(name);
  }
  return out;
}

const ANDROGUARD_DEX = /^classes(\d*).dex/;

/** The entries androguard 3.4 treats as DEX files, in the order given (central-directory order). */
export function androguardDexEntryNames(names: Iterable<string>): string[] {
  return [...names].filter((n) => ANDROGUARD_DEX.test(n));
}

/**
 * Entries that look like DEX files at the APK root but that Android does not load (a gap in the
 * numbering, "classes1.dex", "classes02.dex"): evidence of hidden or leftover code.
 */
export function unloadedDexEntryNames(names: Iterable<string>): string[] {
  const all = [...names];
  const loaded = new Set(dexEntryNames(all));
  return all.filter((n) => /^classes\d*\.dex$/.test(n) && !loaded.has(n));
}
