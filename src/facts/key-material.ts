import type { AppFacts } from './app-facts.js';
import type { CodeSite } from './code.js';
import { derivedFact } from './derived.js';
import { isPledgeError } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';

/**
 * Private keys and keystores shipped inside the APK: keystore containers by their file type, and
 * PEM private-key blocks in small files (assets, raw resources, *.pem/*.key) and in DEX strings.
 */

const KEYSTORE_FILE = /\.(p12|pfx|jks|bks|keystore|jceks)$/i;
const PEM_FILE = /\.(pem|key)$/i;
const PEM_PRIVATE = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/;
/** Small files outside the code whose bytes are worth one look for a PEM private key. */
const KEY_SCAN_MAX = LIMITS.keyScanBytes.value;

/** A file of the APK that is, or holds, key material. */
export type KeyMaterialFile =
  /** A keystore container, by its file type. */
  | { entry: string; kind: 'keystore' }
  /** A file holding a PEM private-key block; `header` is its BEGIN line, as written. */
  | { entry: string; kind: 'pem'; header: string };

/** Key material among the APK's files, in entry order (META-INF, the signature's home, aside). */
export const keyMaterialFiles = derivedFact(function keyMaterialFiles(facts: AppFacts): KeyMaterialFile[] {
  const zip = facts.zip;
  const out: KeyMaterialFile[] = [];
  for (const name of facts.entries) {
    if (name.startsWith('META-INF/') || name.endsWith('/')) continue;
    if (KEYSTORE_FILE.test(name)) {
      out.push({ entry: name, kind: 'keystore' });
      continue;
    }
    if (zip === undefined || !(name.startsWith('assets/') || name.startsWith('res/raw/') || PEM_FILE.test(name))) continue;
    const e = zip.entry(name);
    if (e === undefined || e.uncompressedSize > KEY_SCAN_MAX) continue;
    let text: string;
    try {
      text = zip.read(name, { cache: false, maxBytes: KEY_SCAN_MAX }).toString('latin1');
    } catch (err) {
      if (isPledgeError(err)) continue;
      throw err;
    }
    const header = PEM_PRIVATE.exec(text)?.[0];
    if (header !== undefined) out.push({ entry: name, kind: 'pem', header });
  }
  return out;
});

/** const-strings in the code that hold a PEM private-key block, with the block's BEGIN line. */
export function pemPrivateKeyStrings(facts: AppFacts): { site: CodeSite; header: string }[] {
  const out: { site: CodeSite; header: string }[] = [];
  for (const site of facts.code?.stringSitesWithPrefix('-----BEGIN') ?? []) {
    const header = PEM_PRIVATE.exec(site.unit.dex.string(site.ref))?.[0];
    if (header !== undefined) out.push({ site, header });
  }
  return out;
}
