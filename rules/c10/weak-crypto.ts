import { defineCheck } from '../../src/engine/check.js';
import type { AppFacts } from '../../src/facts/app-facts.js';
import type { CodeFacts, CodeSite } from '../../src/facts/code.js';
import { MAX_EVIDENCE, siteEvidence } from '../../src/facts/evidence.js';
import { constOf, eventAt, flowAt, type Tag } from '../../src/facts/flow.js';
import { KeyFlow } from '../../src/facts/key-flow.js';
import type { Evidence } from '../../src/model/index.js';
import { ownerKey } from '../../src/model/index.js';
import { groupBy } from '../lib/group-by.js';

const WEAK_CIPHER = /^(DES|DESede|TripleDES|3DES|RC2|RC4|ARCFOUR|Blowfish)(\/.*)?$/i;
const WEAK_DIGEST = /^(MD2|MD4|MD5|SHA-?1|SHA)$/i;

type Weakness = 'ecb' | 'broken' | 'rsaNoOaep' | 'digest';

// Words of methods and strings that protect something, and of those that only name or cache.
const PROTECTS = /passw|passwd|pwd|secret|credential|token|auth|login|signature|verif|hmac|crypt|privatekey|secretkey|salt/i;
const NAMES_ONLY = /cache|filename|file_name|diskcache|lru|imageloader|bitmap|url|uuid|deviceid|device_id|androidid|android_id|imei|oaid|fingerprint/i;
const HELPER = /md5|sha1|digest|hash|encode|encrypt/i;

/** Simple class name and method name of a site's method: package names ("authorize") say nothing of what a digest protects. */
function methodWords(code: CodeFacts, site: Pick<CodeSite, 'unit' | 'caller'>): string {
  const ref = code.callerRef(site as CodeSite);
  const arrow = ref.indexOf('->');
  const cls = ref.slice(0, arrow);
  return `${cls.slice(cls.lastIndexOf('/') + 1)}.${ref.slice(arrow + 2, ref.indexOf('(', arrow))}`;
}

/** Calls that make a digest a certificate fingerprint (the signing certificate or a server's). */
const FINGERPRINT_INPUTS = ['Ljava/security/cert/Certificate;->getEncoded', 'Ljava/security/cert/X509Certificate;->getEncoded', 'Landroid/content/pm/Signature;->toByteArray'];

function calls(facts: AppFacts, site: Pick<CodeSite, 'unit' | 'caller'>, prefixes: readonly string[]): boolean {
  return flowAt(facts, site).some((e) => prefixes.some((p) => e.callee.startsWith(p)));
}

function protects(facts: AppFacts, code: CodeFacts, site: Pick<CodeSite, 'unit' | 'caller'>): boolean {
  const key = methodWords(code, site);
  if (NAMES_ONLY.test(key)) return false;
  // A hash of the certificate is its fingerprint; a hash of identifiers is an identifier (CLAUSES.md clause 10).
  if (calls(facts, site, FINGERPRINT_INPUTS)) return false;
  const caller = code.callerRef(site as CodeSite);
  if (facts.piReads.some((u) => u.caller === caller)) return false;
  return PROTECTS.test(key) || code.stringsInMethod(site).some((s) => PROTECTS.test(s) && !NAMES_ONLY.test(s));
}

/**
 * The place a weak digest protects something: its own method, or, for a hashing helper
 * (`Util.md5(s)`), the first caller that does. Undefined when nothing shows it does.
 */
function protectedBy(facts: AppFacts, code: CodeFacts, site: CodeSite): CodeSite | undefined {
  if (protects(facts, code, site)) return site;
  const ref = code.callerRef(site);
  const arrow = ref.indexOf('->');
  const cls = ref.slice(0, arrow);
  const name = ref.slice(arrow + 2, ref.indexOf('('));
  if (!HELPER.test(name)) return undefined;
  // A caller that can never run hashes nothing (a library's unused getPasswordMD5).
  return code.invokesOf(cls, name).find((caller) => facts.isLiveSite(caller) && protects(facts, code, caller));
}

/**
 * RSA "decryption" with a public key and never encryption in the same method is PKCS#1 v1.5
 * signature verification done by hand: OAEP is an encryption padding and does not apply.
 */
function verifiesOnly(facts: AppFacts, site: CodeSite): boolean {
  const events = flowAt(facts, site);
  const inits = events.filter((e) => e.callee.startsWith('Ljavax/crypto/Cipher;->init('));
  if (inits.length === 0 || !inits.every((e) => constOf(e.args[1]) === 2)) return false;
  const publicKey = (t: Tag | undefined): boolean => t?.t === 'object' && /PublicKey;$/.test(t.cls);
  return inits.every((e) => publicKey(e.args[2])) || events.some((e) => /^Ljava\/security\/(KeyFactory;->generatePublic|cert\/(X509)?Certificate;->getPublicKey)/.test(e.callee));
}

/** What is wrong with a Cipher transformation, if anything. */
function classify(transformation: string): Exclude<Weakness, 'digest'> | undefined {
  if (WEAK_CIPHER.test(transformation)) return 'broken';
  if (/^AES$/i.test(transformation) || /^AES(_\d+)?\/ECB\//i.test(transformation)) return 'ecb';
  if (/^RSA$/i.test(transformation) || (/^RSA\//i.test(transformation) && !/OAEP/i.test(transformation))) return 'rsaNoOaep';
  return undefined;
}

export default defineCheck({
  meta: {
    id: 'c10/weak-crypto',
    clause: 10,
    title: { en: 'Weak encryption or hashing', zh: '使用弱加密或弱散列算法' },
    defaultVerdict: 'warn',
    verdicts: ['warn'],
    evidence: 'referenced',
    needs: ['dex'],
    docs: {
      basis: {
        en: 'PIPL Art. 51 (encryption); MobSF android_aes_ecb, android_weak_ciphers, android_rsa_no_oaep, android_md5, android_sha1. ECB leaks patterns, DES/RC4 are broken, RSA without OAEP is malleable, MD5 and SHA-1 collide.',
        zh: '《个人信息保护法》第五十一条（加密）；MobSF android_aes_ecb、android_weak_ciphers、android_rsa_no_oaep、android_md5、android_sha1。ECB 会泄露数据模式，DES/RC4 已被攻破，RSA 无 OAEP 可被篡改，MD5 与 SHA-1 存在碰撞。',
      },
      fix: {
        en: 'Use AES/GCM/NoPadding with a random IV, RSA/ECB/OAEPWithSHA-256AndMGF1Padding, and SHA-256 or better; for passwords use a slow KDF.',
        zh: '使用带随机 IV 的 AES/GCM/NoPadding、RSA/ECB/OAEPWithSHA-256AndMGF1Padding 以及 SHA-256 或更强的散列；口令使用慢速 KDF。',
      },
    },
  },
  messages: {
    ecb: { en: 'Cipher.getInstance("{value}") ({owner:owner}): AES in ECB mode leaks patterns of the plaintext', zh: 'Cipher.getInstance("{value}")（{owner:owner}）：AES ECB 模式会泄露明文模式' },
    broken: { en: 'Cipher.getInstance("{value}") ({owner:owner}): a broken cipher', zh: 'Cipher.getInstance("{value}")（{owner:owner}）：已被攻破的加密算法' },
    rsaNoOaep: { en: 'Cipher.getInstance("{value}") ({owner:owner}): RSA without OAEP padding', zh: 'Cipher.getInstance("{value}")（{owner:owner}）：RSA 未使用 OAEP 填充' },
    digest: { en: 'MessageDigest.getInstance("{value}") ({owner:owner}): a digest with known collisions', zh: 'MessageDigest.getInstance("{value}")（{owner:owner}）：存在碰撞的散列算法' },
  },
  *check({ facts }) {
    const code = facts.code;
    if (code === undefined) return;
    const found: { site: CodeSite; messageId: Weakness; value: string; keyAt?: Evidence }[] = [];
    for (const site of code.invokesOf('Ljavax/crypto/Cipher;', 'getInstance').filter((s) => facts.isLiveSite(s))) {
      const v = constOf(eventAt(facts, site)?.args[0]);
      const kind = typeof v === 'string' ? classify(v) : undefined;
      if (kind === 'rsaNoOaep' && verifiesOnly(facts, site)) continue;
      if (kind !== undefined) found.push({ site, messageId: kind, value: String(v) });
    }
    let keys: KeyFlow | undefined;
    for (const site of code.invokesOf('Ljava/security/MessageDigest;', 'getInstance').filter((s) => facts.isLiveSite(s))) {
      const v = constOf(eventAt(facts, site)?.args[0]);
      if (typeof v !== 'string' || !WEAK_DIGEST.test(v)) continue;
      // A weak digest is a weakness only where it protects something (a password, a key, a
      // signature check); cache names and identifier hashes are not findings (CLAUSES.md clause 10).
      const where = protectedBy(facts, code, site);
      if (where !== undefined) {
        found.push({ site: where, messageId: 'digest', value: v });
        continue;
      }
      // A digest whose result becomes an encryption key (MD5("appkey:devicekey") as an AES key)
      // protects that key, whatever the helpers in between are called.
      keys ??= new KeyFlow(facts, code);
      const key = keys.becomesKey(site);
      if (key !== undefined) found.push({ site, messageId: 'digest', value: v, keyAt: { ...siteEvidence(facts, key.site, key.api), note: { id: 'digest-becomes-key' } } });
    }
    for (const group of groupBy(found, (f) => `${f.messageId}|${f.value.toUpperCase()}|${ownerKey(siteEvidence(facts, f.site).owner)}`).values()) {
      const first = group[0];
      if (first === undefined) continue;
      const ev = group.slice(0, MAX_EVIDENCE).flatMap((f) => [siteEvidence(facts, f.site, `"${f.value}"`), ...(f.keyAt === undefined ? [] : [f.keyAt])]);
      // One method may ask for two weak algorithms of a kind ("DES" and "RC4"): the value tells them apart.
      yield { messageId: first.messageId, verdict: 'warn', data: { value: first.value, owner: ownerKey(ev[0]?.owner) }, evidence: ev, key: first.value.toUpperCase() };
    }
  },
});
