#!/usr/bin/env node
// Builds rules/data/sdks.json and rules/data/packers.json: pledge-audit's own SDK catalogue.
//
// Input: the reference snapshots in ../shared/reference (override with PLEDGE_SHARED) plus our
// curated facts: scripts/data/sdk-curated.json (SDK records), sdk-apis.json (start entry points,
// consent APIs with the first SDK version that has them, privacy-policy URLs, by SDK id),
// sdk-vendors.json (vendor package roots for owner attribution) and sdk-packers.json. Plain Node,
// no dependencies, no clock, no network: the same inputs always give byte-identical output.
//
// How sources are used (licences differ, so do the uses):
//   Exodus ETIP (ODbL-1.0)        tracker records: code_signature → packages, network_signature,
//                                 categories. Attributed; the catalogue is a derived database.
//   LibChecker-Rules (Apache-2.0) manifest component class names and .so names → SDK, by label.
//   AppManager libs (AGPL-3.0)    facts only: code prefixes and .so names of entries curated
//                                 entries name, and .so names of entries linked to an Exodus id.
//   camille (no licence)          facts only: a prefix ↔ Chinese name cross-check; fills name.zh
//                                 of a record whose package equals a camille prefix; never adds
//                                 records.
//   LibRadar (Apache-2.0)         prefix → library/type; adds ads/analytics/payment/map/social
//                                 records nobody else has, and cross-checks the rest.
//   LibScout, F-Droid SUSS        cross-check only (a source tag when a prefix agrees).
import { readFileSync } from 'node:fs';
import { done, emit, requires } from './lib/emit.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const shared = process.env.PLEDGE_SHARED ?? resolve(repo, '../shared');
const ref = join(shared, 'reference');
requires([{ path: ref, install: '../shared beside the clone' }]);

export const CATEGORIES = [
  'ads', 'analytics', 'push', 'attribution', 'maps-location', 'login', 'payment', 'share', 'crash',
  'risk-control', 'face-biometric', 'hot-update', 'webview', 'im', 'speech', 'ar-vr', 'network',
  'utility', 'customer-service', 'game', 'anti-addiction', 'packer',
];

const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const byRef = (a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
const sorted = (s) => [...s].sort();
const log = [];
const note = (msg) => log.push(msg);

// ---------------------------------------------------------------------------------------------
// Normalisers

const PACKAGE_RE = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/;

/** A dotted package (or class) prefix, or undefined when the fragment is not an anchored prefix. */
function cleanPrefix(raw) {
  let s = String(raw).trim();
  // AppManager and F-Droid write prefixes as paths (`/com/umeng/message/`, `com/amazon/ads`).
  if (s.startsWith('/')) s = s.slice(1);
  s = s.replace(/\\\./g, '.').replace(/\//g, '.');
  if (s.startsWith('.')) return undefined; // unanchored in Exodus: cannot be a package prefix
  s = s.replace(/[.*]+$/, '');
  if (/[\\^$()[\]{}+?|*]/.test(s)) return undefined;
  return PACKAGE_RE.test(s) ? s : undefined;
}

function slug(s) {
  return String(s)
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The vendor's web host, or undefined where the host names a code host rather than a vendor. */
function hostOf(url) {
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return /^(github\.com|code\.google\.com|bitbucket\.org|sourceforge\.net|gitlab\.com)$/.test(host) ? undefined : host;
  } catch {
    return undefined;
  }
}

/**
 * Expands the small regexes AppManager uses for .so names into globs: `\.` → `.`, `.*` → `*`,
 * `[...]` (with an optional quantifier) → `*`, `(a|b)` and `(a|b)?` → alternatives. Anything
 * else (nested groups, other quantifiers) is refused, so an odd regex is dropped, never guessed.
 */
function expandSoRegex(re) {
  const out = [];
  for (const alt of splitTop(re)) {
    const parts = expandSeq(alt);
    if (parts === undefined) continue;
    for (const p of parts) if (/^[\w.*+-]+$/.test(p) && p.endsWith('.so')) out.push(p.replace(/\*+/g, '*'));
  }
  return out;
}
function splitTop(s) {
  const parts = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { cur += c + (s[i + 1] ?? ''); i++; continue; }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === '|' && depth === 0) { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  parts.push(cur);
  return parts;
}
function expandSeq(s) {
  let acc = [''];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { acc = acc.map((a) => a + (s[i + 1] ?? '')); i++; continue; }
    if (c === '.' && s[i + 1] === '*') { acc = acc.map((a) => a + '*'); i++; continue; }
    if (c === '.' && s[i + 1] === '+') { acc = acc.map((a) => a + '*'); i++; continue; }
    if (c === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) return undefined;
      i = end;
      if ('*+?'.includes(s[i + 1] ?? '')) i++;
      acc = acc.map((a) => a + '*');
      continue;
    }
    if (c === '(') {
      const end = s.indexOf(')', i);
      if (end < 0) return undefined;
      const inner = s.slice(i + 1, end);
      if (inner.includes('(')) return undefined;
      const alts = inner.split('|');
      i = end;
      const q = s[i + 1];
      if (q === '?') { alts.push(''); i++; } else if (q === '+' || q === '*') { return acc.map((a) => a + '*'); }
      const next = [];
      for (const a of acc) for (const b of alts) next.push(a + b);
      acc = next;
      if (acc.length > 32) return undefined;
      continue;
    }
    if ('*+?{}^$'.includes(c)) return undefined;
    acc = acc.map((a) => a + c);
  }
  return acc;
}

// ---------------------------------------------------------------------------------------------
// Record model used while building

/** @returns a fresh record with every list present, so merging never special-cases a field. */
function newRecord(id) {
  return {
    id,
    name: { en: '' },
    vendor: { en: '' },
    category: '',
    packages: new Set(),
    components: new Set(),
    metaDataKeys: new Set(),
    nativeLibs: new Set(),
    assets: new Set(),
    autoInitProviders: new Set(),
    killSwitchMetaData: [],
    consentApis: [],
    initApis: [],
    strings: new Set(),
    network: new Set(),
    sources: new Set(),
    exclude: new Set(),
    curated: false,
  };
}

const records = new Map();

function addPackages(rec, list) {
  for (const p of list) {
    const c = cleanPrefix(p);
    if (c === undefined) continue;
    if ([...rec.exclude].some((x) => c === x)) continue;
    rec.packages.add(c);
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Curated entries: authoritative ids, names, vendors and categories

const curated = readJson(join(here, 'data/sdk-curated.json'));
const claimedExodus = new Map(); // exodus id -> [record]
const libcheckerLabels = new Map(); // label -> record
const appmanagerIds = new Map(); // appmanager id -> [record]

for (const e of curated.sdks) {
  if (records.has(e.id)) throw new Error(`duplicate curated id ${e.id}`);
  if (!CATEGORIES.includes(e.category)) throw new Error(`${e.id}: bad category ${e.category}`);
  const r = newRecord(e.id);
  r.curated = true;
  r.name = { ...e.name };
  r.vendor = { ...e.vendor };
  r.category = e.category;
  for (const x of e.excludePackages ?? []) r.exclude.add(x);
  addPackages(r, e.packages ?? []);
  for (const k of ['components', 'metaDataKeys', 'nativeLibs', 'assets', 'autoInitProviders', 'strings']) {
    for (const v of e[k] ?? []) r[k].add(v);
  }
  r.killSwitchMetaData = [...(e.killSwitchMetaData ?? [])];
  if (e.consentApis !== undefined || e.initApis !== undefined) throw new Error(`${e.id}: APIs live in scripts/data/sdk-apis.json`);
  for (const s of e.sources ?? []) r.sources.add(s);
  for (const id of e.exodus ?? []) claimedExodus.set(id, [...(claimedExodus.get(id) ?? []), r]);
  for (const l of e.libchecker ?? []) {
    if (libcheckerLabels.has(l)) throw new Error(`libchecker label ${l} claimed twice`);
    libcheckerLabels.set(l, r);
  }
  for (const a of e.appmanager ?? []) appmanagerIds.set(a, [...(appmanagerIds.get(a) ?? []), r]);
  records.set(r.id, r);
}

// ---------------------------------------------------------------------------------------------
// 2. Exodus trackers

const exodus = readJson(join(ref, 'exodus/etip_trackers.normalized.json'));
const appmanager = readJson(join(ref, 'libraries/appmanager_libs.json'));
const appmanagerByExodus = new Map();
for (const a of appmanager) if (a.exodus_id !== undefined) appmanagerByExodus.set(a.exodus_id, a);

function exodusCategory(t) {
  const override = curated.exodusCategory?.[String(t.id)];
  if (override !== undefined) {
    if (!CATEGORIES.includes(override)) throw new Error(`exodusCategory ${t.id}: bad category ${override}`);
    return override;
  }
  const c = t.categories ?? [];
  if (c.includes('Advertisement')) return 'ads';
  if (c.includes('Crash reporting')) return 'crash';
  if (c.includes('Analytics') || c.includes('Profiling')) return 'analytics';
  if (c.includes('Location')) return 'maps-location';
  if (c.includes('Identification')) return 'login';
  const am = appmanagerByExodus.get(t.id);
  const byType = { Advertisement: 'ads', 'Mobile Analytics': 'analytics', Map: 'maps-location', Payment: 'payment', 'Social Network': 'share' };
  if (am !== undefined && byType[am.type] !== undefined) return byType[am.type];
  // Exodus lists trackers only, so an uncategorised entry is still a tracker.
  return 'analytics';
}

/** The curated record that owns `pkg` among `claimants` (longest package that is a prefix of it). */
function ownerAmong(claimants, pkg) {
  let best;
  let bestLen = -1;
  for (const r of claimants) {
    for (const p of r.packages) {
      if ((pkg === p || pkg.startsWith(p + '.')) && p.length > bestLen) {
        best = r;
        bestLen = p.length;
      }
    }
  }
  return best;
}

const packageIndex = () => {
  const m = new Map();
  for (const r of records.values()) for (const p of r.packages) if (!m.has(p)) m.set(p, r);
  return m;
};

let dropped = 0;
for (const t of exodus) {
  const frags = String(t.code_signature ?? '').split('|').filter((s) => s.trim() !== '');
  const pkgs = [];
  for (const f of frags) {
    const c = cleanPrefix(f);
    if (c === undefined) { dropped++; note(`exodus ${t.id} ${t.name}: fragment ${JSON.stringify(f)} is not an anchored prefix; dropped`); } else pkgs.push(c);
  }
  const nets = String(t.network_signature ?? '').split('|').map((s) => s.trim()).filter((s) => s !== '');
  const src = `exodus:${t.id}`;
  const claimants = claimedExodus.get(t.id);
  if (claimants !== undefined) {
    for (const p of pkgs) {
      const owner = ownerAmong(claimants, p) ?? claimants[0];
      if (owner.exclude.has(p)) continue;
      owner.packages.add(p);
    }
    for (const r of claimants) {
      r.sources.add(src);
      for (const n of nets) r.network.add(n);
    }
    continue;
  }
  // Not claimed: merge into a record that already owns one of its packages exactly, else new.
  const idx = packageIndex();
  const same = pkgs.map((p) => idx.get(p)).find((r) => r !== undefined);
  if (same !== undefined) {
    for (const p of pkgs) if (!same.exclude.has(p)) same.packages.add(p);
    for (const n of nets) same.network.add(n);
    same.sources.add(src);
    continue;
  }
  if (pkgs.length === 0) { note(`exodus ${t.id} ${t.name}: no usable code signature; skipped`); continue; }
  let id = slug(t.name);
  if (id === '' || records.has(id)) id = `${id}-exodus-${t.id}`;
  const r = newRecord(id);
  r.name = { en: t.name };
  r.vendor = { en: hostOf(t.website) ?? t.name };
  r.category = exodusCategory(t);
  for (const p of pkgs) r.packages.add(p);
  for (const n of nets) r.network.add(n);
  r.sources.add(src);
  records.set(id, r);
}

// ---------------------------------------------------------------------------------------------
// 3. AppManager facts (AGPL data: only names, per SDK)

function attachAppManager(r, a) {
  const code = a.signatures?.code;
  if (code !== undefined) addPackages(r, String(code).split('|').filter((f) => /^\/[\w/$]+\/?$/.test(f)));
  const so = a.signatures?.solib;
  if (so !== undefined) for (const g of expandSoRegex(String(so))) r.nativeLibs.add(g);
  r.sources.add(`appmanager:${a.id}`);
}
for (const a of appmanager) {
  const explicit = appmanagerIds.get(a.id);
  if (explicit !== undefined) {
    for (const r of explicit) attachAppManager(r, a);
    continue;
  }
  if (a.exodus_id === undefined) continue;
  const r = [...records.values()].find((x) => x.sources.has(`exodus:${a.exodus_id}`) && !x.curated);
  if (r !== undefined && a.signatures?.solib !== undefined) {
    for (const g of expandSoRegex(String(a.signatures.solib))) r.nativeLibs.add(g);
    r.sources.add(`appmanager:${a.id}`);
  }
}
for (const id of appmanagerIds.keys()) if (!appmanager.some((a) => a.id === id)) throw new Error(`curated appmanager id ${id} not found`);

// ---------------------------------------------------------------------------------------------
// 4. LibRadar: cross-check, and new records for the library types the catalogue is about

const LIBRADAR_TYPES = { Advertisement: 'ads', 'Mobile Analytics': 'analytics', Payment: 'payment', 'Map/LBS': 'maps-location', 'Social Network': 'share' };
// Rows whose type is plainly wrong (a UI/HTTP framework and an XMPP client filed as ads/payment).
// Rows too generic to own a namespace: Tencent's old open-platform SDK spread its code over
// com.tencent.{common,utils,t,plus,record,jsutil}, names other Tencent SDKs use too.
const LIBRADAR_DENY = new Set([
  'Lnet/tsz/afinal', 'Lorg/jivesoftware/smack', 'Lcom/tencent/smtt', 'Lcom/tencent/weiyun', 'Lcom/digits/sdk/vcard',
  'Lcom/tencent/common', 'Lcom/tencent/utils', 'Lcom/tencent/t', 'Lcom/tencent/plus', 'Lcom/tencent/record', 'Lcom/tencent/jsutil',
]);
const radarRows = readFileSync(join(ref, 'libraries/libradar_tag_rules.csv'), 'utf8').split('\n').slice(1);
for (const line of radarRows) {
  const cols = line.split(',');
  const [pkgRaw, lib, type] = cols;
  if (pkgRaw === undefined || lib === undefined || lib === 'no' || lib === '') continue;
  const pkg = cleanPrefix(pkgRaw.replace(/^L/, ''));
  if (pkg === undefined) continue;
  const idx = packageIndex();
  const hit = idx.get(pkg);
  if (hit !== undefined) { hit.sources.add('libradar'); continue; }
  const cat = LIBRADAR_TYPES[type];
  if (cat === undefined || LIBRADAR_DENY.has(pkgRaw)) continue;
  // Inside an existing record's namespace (a sub-library of it), or wider than one (a vendor-wide
  // prefix such as com.alipay): cross-check only, since a wider prefix would claim code the
  // narrower records deliberately leave to others.
  const related = [...records.values()].filter((r) => [...r.packages].some((p) => pkg.startsWith(p + '.') || p.startsWith(pkg + '.')));
  if (related.length > 0) { for (const r of related) r.sources.add('libradar'); continue; }
  let id = slug(lib);
  if (id === '') continue;
  const existing = records.get(id);
  if (existing !== undefined) {
    if (!existing.curated) existing.packages.add(pkg);
    existing.sources.add('libradar');
    continue;
  }
  const r = newRecord(id);
  r.name = { en: lib.trim() };
  r.vendor = { en: hostOf(cols.slice(3).join(',').trim()) ?? lib.trim() };
  r.category = cat;
  r.packages.add(pkg);
  r.sources.add('libradar');
  records.set(id, r);
}

// ---------------------------------------------------------------------------------------------
// 5. LibChecker-Rules: components and native libraries

const libchecker = readJson(join(ref, 'chinese-sdk/libchecker_rules.compiled.json'));
const norm = (s) => String(s).toLowerCase().replace(/\s+|sdk|[()（）]/g, '');
const byName = new Map();
for (const r of records.values()) {
  byName.set(norm(r.name.en), r);
  if (r.name.zh !== undefined) byName.set(norm(r.name.zh), r);
}
function ownerByPrefix(className) {
  let best;
  let bestLen = -1;
  for (const r of records.values()) {
    for (const p of r.packages) {
      if ((className === p || className.startsWith(p + '.')) && p.length > bestLen) {
        best = r;
        bestLen = p.length;
      }
    }
  }
  return best;
}
let lcUnattached = 0;
const usedLabels = new Set();
for (const [cat, entries] of Object.entries(libchecker)) {
  for (const key of Object.keys(entries).sort()) {
    const e = entries[key];
    if (libcheckerLabels.has(e.label)) usedLabels.add(e.label);
    if (key.startsWith('regex.')) continue; // compiled file keeps no pattern for these
    const isComponent = /^(activities|services|receivers|providers)-libs$/.test(cat);
    const isNative = cat === 'native-libs';
    if (!isComponent && !isNative) continue;
    // A component belongs to whoever owns its package; the label decides only for components
    // outside every catalogue namespace (JPush's cn.android.service.*) and for .so names.
    let r = isComponent ? ownerByPrefix(key) : undefined;
    if (r === undefined) r = libcheckerLabels.get(e.label);
    if (r === undefined) r = byName.get(norm(e.label));
    if (r === undefined) { lcUnattached++; continue; }
    if (isNative) r.nativeLibs.add(key);
    else {
      r.components.add(key);
      // Every provider runs before Application.onCreate; the ones that exist to start the SDK
      // say so in their name.
      if (cat === 'providers-libs' && /Init|Startup/.test(key.slice(key.lastIndexOf('.') + 1))) r.autoInitProviders.add(key);
    }
    r.sources.add('libchecker');
  }
}
for (const l of libcheckerLabels.keys()) if (!usedLabels.has(l)) throw new Error(`curated libchecker label ${JSON.stringify(l)} matched nothing`);
note(`libchecker: ${lcUnattached} component/.so entries belong to no catalogue SDK (frameworks, engines, codecs)`);

// ---------------------------------------------------------------------------------------------
// 6. camille: Chinese names by exact prefix; LibScout / F-Droid: cross-check tags

const camille = readJson(join(ref, 'chinese-sdk/camille_sdk.json'));
for (const c of camille) {
  const p = cleanPrefix(c.package_name);
  if (p === undefined) continue;
  for (const r of records.values()) {
    if (r.packages.has(p)) {
      if (r.name.zh === undefined) r.name.zh = c.sdk_name;
      r.sources.add('camille');
    } else if ([...r.packages].some((q) => p.startsWith(q + '.'))) r.sources.add('camille');
  }
}
for (const f of ['libscout_trackers.json', 'libscout_google-libraries.json', 'libscout_mvn-central-libraries.json', 'libscout_amazon-libraries.json']) {
  const libs = readJson(join(ref, 'libraries', f)).libraries ?? [];
  for (const l of libs) {
    const p = cleanPrefix(l.groupid);
    if (p === undefined) continue;
    for (const r of records.values()) if (r.packages.has(p)) r.sources.add('libscout');
  }
}
const suss = readJson(join(ref, 'fdroid/suss_default.json')).signatures ?? {};
for (const [key, s] of Object.entries(suss)) {
  for (const sig of [key, ...(s.code_signatures ?? [])]) {
    const p = cleanPrefix(sig);
    if (p === undefined) continue;
    for (const r of records.values()) if (r.packages.has(p)) r.sources.add('fdroid-suss');
  }
}

// ---------------------------------------------------------------------------------------------
// 7. Start entry points, consent APIs and privacy-policy URLs (scripts/data/sdk-apis.json), by the
//    final id, so that records derived from Exodus or LibRadar can carry them too.

const API_REF = /^L[\w$/]+;->[\w$<>]+$/;
const VERSION = /^\d+(\.\d+)*$/;
const apisIn = readJson(join(here, 'data/sdk-apis.json'));
function checkedApi(id, a, role) {
  if (!API_REF.test(a.ref)) throw new Error(`sdk-apis ${id}: bad ref ${a.ref}`);
  if (a.role !== role) throw new Error(`sdk-apis ${id}: ${a.ref} must have role ${role}`);
  if (typeof a.verified !== 'boolean') throw new Error(`sdk-apis ${id}: ${a.ref} needs verified`);
  if (typeof a.source !== 'string' || !a.source.startsWith('curated:')) throw new Error(`sdk-apis ${id}: ${a.ref} needs a curated: source`);
  if (a.since !== undefined && !VERSION.test(a.since)) throw new Error(`sdk-apis ${id}: ${a.ref} since ${a.since} is not a version`);
  const out = { ref: a.ref, role: a.role, verified: a.verified };
  if (a.since !== undefined) out.since = a.since;
  out.source = a.source;
  return out;
}
for (const [id, e] of Object.entries(apisIn.sdks)) {
  const r = records.get(id);
  if (r === undefined) throw new Error(`sdk-apis: no catalogue SDK ${id}`);
  for (const [k, role] of [['consentApis', 'gate'], ['initApis', 'init']]) {
    const seen = new Set();
    for (const a of e[k] ?? []) {
      if (seen.has(a.ref)) throw new Error(`sdk-apis ${id}: ${a.ref} twice in ${k}`);
      seen.add(a.ref);
      r[k].push(checkedApi(id, a, role));
    }
  }
  const p = e.privacyPolicy;
  if (p !== undefined) {
    if (!/^https?:\/\/\S+$/.test(p.url)) throw new Error(`sdk-apis ${id}: bad privacy-policy URL ${p.url}`);
    if (typeof p.source !== 'string' || p.source.length < 10) throw new Error(`sdk-apis ${id}: privacy-policy URL needs a source`);
    r.privacyPolicyUrl = p.url;
    r.sources.add(`curated:privacy policy ${p.url} (${p.source})`);
  }
}

// ---------------------------------------------------------------------------------------------
// 8. Vendor namespaces (scripts/data/sdk-vendors.json): code under a vendor's package root that no
//    SDK above claims belongs to the vendor, not to the app. An SDK prefix always wins.

const vendorsIn = readJson(join(here, 'data/sdk-vendors.json'));
const vendorOf = new Map();
const vendors = vendorsIn.vendors
  .map((v) => {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.id)) throw new Error(`vendor ${v.id}: bad id`);
    if (typeof v.name?.en !== 'string' || v.name.en === '' || typeof v.name?.zh !== 'string' || v.name.zh === '') throw new Error(`vendor ${v.id}: needs name.zh and name.en`);
    if ((v.sources ?? []).length === 0) throw new Error(`vendor ${v.id}: needs sources`);
    for (const p of v.packages) {
      if (cleanPrefix(p) !== p) throw new Error(`vendor ${v.id}: ${p} is not a dotted package prefix`);
      const prev = vendorOf.get(p);
      if (prev !== undefined) throw new Error(`vendor package ${p} claimed by both ${prev} and ${v.id}`);
      vendorOf.set(p, v.id);
    }
    const packages = sorted(v.packages);
    for (const p of packages) if (packages.some((q) => q !== p && p.startsWith(q + '.'))) throw new Error(`vendor ${v.id}: ${p} is inside another of its packages`);
    return { id: v.id, name: { zh: v.name.zh, en: v.name.en }, packages, sources: sorted(v.sources.map((s) => (s.startsWith('curated:') ? s : `curated:${s}`))) };
  })
  .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
for (let i = 1; i < vendors.length; i++) if (vendors[i].id === vendors[i - 1].id) throw new Error(`vendor ${vendors[i].id} twice`);

// ---------------------------------------------------------------------------------------------
// 9. Output

function finish(r) {
  for (const x of r.exclude) r.packages.delete(x);
  // A prefix already covered by a shorter prefix of the same record adds nothing.
  const pk = sorted(r.packages).filter((p, _i, all) => !all.some((q) => q !== p && p.startsWith(q + '.')));
  const name = r.name.zh !== undefined ? { zh: r.name.zh, en: r.name.en } : { en: r.name.en };
  const vendor = r.vendor.zh !== undefined ? { zh: r.vendor.zh, en: r.vendor.en } : { en: r.vendor.en };
  const out = {
    id: r.id,
    name,
    vendor,
    category: r.category,
    packages: pk,
    components: sorted(r.components),
    metaDataKeys: sorted(r.metaDataKeys),
    nativeLibs: sorted(r.nativeLibs),
    assets: sorted(r.assets),
    autoInitProviders: sorted(r.autoInitProviders),
    killSwitchMetaData: [...r.killSwitchMetaData].sort((a, b) => (a.key < b.key ? -1 : 1)),
    consentApis: [...r.consentApis].sort(byRef),
    initApis: [...r.initApis].sort(byRef),
    strings: sorted(r.strings),
    network: sorted(r.network),
    sources: sorted(r.sources),
  };
  if (r.privacyPolicyUrl !== undefined) out.privacyPolicyUrl = r.privacyPolicyUrl;
  return out;
}

const owners = new Map();
for (const r of records.values()) {
  for (const p of r.packages) {
    if (r.exclude.has(p)) continue;
    const prev = owners.get(p);
    if (prev !== undefined && prev !== r.id) throw new Error(`package ${p} claimed by both ${prev} and ${r.id}`);
    owners.set(p, r.id);
  }
}
const sdks = [...records.values()].map(finish).filter((r) => {
  const empty = r.packages.length + r.components.length + r.nativeLibs.length + r.metaDataKeys.length + r.assets.length === 0;
  if (empty) note(`${r.id}: no signature left; dropped`);
  return !empty;
});
sdks.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const SOURCES = [
  { id: 'exodus', origin: 'Exodus Privacy ETIP tracker database, as vendored by MobSF/Mobile-Security-Framework-MobSF mobsf/signatures/exodus_trackers @62563ca4', licence: 'ODbL-1.0 (contents DbCL-1.0)', attribution: 'Exodus Privacy (https://exodus-privacy.eu.org). This catalogue is a derived database of it and is shared under ODbL-1.0.' },
  { id: 'libchecker', origin: 'LibChecker/LibChecker-Rules *-libs/*.json @3ec8753a', licence: 'Apache-2.0', attribution: 'LibChecker-Rules contributors' },
  { id: 'appmanager', origin: 'MuntashirAkon/android-libraries libs.json @8fb39198', licence: 'AGPL-3.0 (used as facts: code prefixes and .so names per SDK; no file copied)', attribution: 'AppManager android-libraries contributors' },
  { id: 'camille', origin: 'zhengjim/camille utlis/sdk.json @83c5b239', licence: 'none stated (used only to cross-check prefix ↔ Chinese name; no list copied)', attribution: 'camille contributors' },
  { id: 'libradar', origin: 'pkumza/LibRadar LibRadar/Data/IntermediateData/tag_rules.csv @2fa3891', licence: 'Apache-2.0', attribution: 'LibRadar (Peking University)' },
  { id: 'libscout', origin: 'reddr/LibScout scripts/library-specs/*.json @8c0bd2c', licence: 'Apache-2.0', attribution: 'LibScout (Erik Derr)' },
  { id: 'fdroid-suss', origin: 'f-droid/fdroidserver fdroidserver/scanner.py SUSS_DEFAULT @00932d0a', licence: 'AGPL-3.0 (cross-check only; nothing copied)', attribution: 'F-Droid' },
  { id: 'apkid', origin: 'rednaga/APKiD apkid/rules/apk/packers.yara @005e53a2', licence: 'GPL-3.0 (used as facts: file names only)', attribution: 'RedNaga APKiD' },
  { id: 'curated', origin: 'scripts/data/sdk-curated.json, sdk-apis.json, sdk-vendors.json, sdk-packers.json (this repository); each entry cites where its facts were read', licence: 'Apache-2.0', attribution: 'pledge-audit' },
];

const catalogue = { version: curated.version, generatedBy: 'scripts/build-sdk-catalogue.mjs', sources: SOURCES, sdks, vendors };
const packersIn = readJson(join(here, 'data/sdk-packers.json'));
const packers = {
  version: curated.version,
  generatedBy: 'scripts/build-sdk-catalogue.mjs',
  sources: SOURCES.filter((s) => ['apkid', 'libchecker', 'appmanager', 'curated'].includes(s.id)),
  packers: packersIn.packers
    .map((p) => ({
      id: p.id,
      name: p.name,
      vendor: p.vendor,
      nativeLibs: sorted(p.nativeLibs ?? []),
      assets: sorted(p.assets ?? []),
      classes: sorted(p.classes ?? []),
      minMatches: p.minMatches ?? 1,
      sources: sorted(p.sources ?? []),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1)),
};

// SDK_CATALOGUE_OUT lets the test suite rebuild into a scratch folder and compare.
const outDir = process.env.SDK_CATALOGUE_OUT ?? join(repo, 'rules/data');
const text = JSON.stringify(catalogue, null, 1) + '\n';
if (Buffer.byteLength(text) > 2 * 1024 * 1024) throw new Error(`sdks.json is ${Buffer.byteLength(text)} bytes (limit 2 MiB)`);
emit(join(outDir, 'sdks.json'), text);
emit(join(outDir, 'packers.json'), JSON.stringify(packers, null, 1) + '\n');
if (process.env.SDK_CATALOGUE_VERBOSE) for (const l of log) console.error(l);
done(`sdks.json: ${sdks.length} SDKs (${sdks.filter((s) => s.name.zh !== undefined).length} with a Chinese name, ${sdks.filter((s) => s.initApis.length > 0).length} with start APIs), ${vendors.length} vendors, ${Buffer.byteLength(text)} bytes; ${dropped} Exodus fragments not anchorable; packers.json: ${packers.packers.length} packers`);
