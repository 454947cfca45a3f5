import { loadCatalogue } from './catalogue.js';
import { PrefixTrie } from './prefix-trie.js';
import type { SdkCatalogue, VendorRecord } from './types.js';

const tries = new WeakMap<SdkCatalogue, PrefixTrie<VendorRecord>>();

/**
 * The vendor whose namespace holds a dotted class name (`com.baidu.x.Y` → Baidu), for code the
 * catalogue's SDKs do not cover: it is that vendor's, not the app's.
 */
export function vendorOfClassName(name: string, catalogue: SdkCatalogue = loadCatalogue()): VendorRecord | undefined {
  let trie = tries.get(catalogue);
  if (trie === undefined) {
    trie = new PrefixTrie<VendorRecord>();
    for (const v of catalogue.vendors) for (const p of v.packages) trie.add(p, v);
    tries.set(catalogue, trie);
  }
  return trie.ownerOfClassName(name);
}
