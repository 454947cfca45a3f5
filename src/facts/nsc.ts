import type { ZipArchive } from '../apk/zip.js';
import { decodeAxml } from '../axml/decode.js';
import { decodeProtoXml } from '../axml/proto-xml.js';
import type { XmlAttribute, XmlElement } from '../axml/types.js';
import { attrBoolean } from '../axml/values.js';
import type { Manifest } from '../manifest/model.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { isPledgeError } from '../util/errors.js';

/**
 * The network security config (developer.android.com/privacy-and-security/security-config):
 * base-config, domain-configs and debug-overrides, each with cleartext permission, trust
 * anchors and pins. Attributes in this file carry no android: namespace; they are matched by name.
 */
export interface TrustAnchor {
  /** `system`, `user`, or a raw resource (`@raw/ca` / its file path). */
  src: string;
  overridePins: boolean;
}

export interface PinSet {
  expiration?: string;
  pins: { digest: string; value: string }[];
}

export interface NscDomainConfig {
  domains: { name: string; includeSubdomains: boolean }[];
  cleartextTrafficPermitted?: boolean;
  trustAnchors?: TrustAnchor[];
  pinSet?: PinSet;
  /** Element path in the file, for evidence. */
  path: string;
}

export interface NetworkSecurityConfig {
  /** The res/xml file the manifest names. */
  entry: string;
  base?: { cleartextTrafficPermitted?: boolean; trustAnchors?: TrustAnchor[]; path: string };
  domains: NscDomainConfig[];
  debugOverrides?: { trustAnchors: TrustAnchor[]; path: string };
}

function plainAttr(el: XmlElement, name: string): XmlAttribute | undefined {
  return el.attrs.find((a) => a.name === name && (a.resId === 0 || a.resId >>> 24 !== 0x01));
}

function anchors(el: XmlElement | undefined, resolveFile: (ref: number) => string | undefined): TrustAnchor[] | undefined {
  if (el === undefined) return undefined;
  return el.children
    .filter((c) => c.name === 'certificates')
    .map((c) => {
      const src = plainAttr(c, 'src');
      const text = src === undefined ? '' : src.type === 0x01 ? (resolveFile(src.data) ?? `@0x${src.data.toString(16)}`) : (src.str ?? '');
      return { src: text, overridePins: attrBoolean(plainAttr(c, 'overridePins')) ?? false };
    });
}

function domainConfigs(el: XmlElement, path: string, resolveFile: (ref: number) => string | undefined, out: NscDomainConfig[], depth: number): void {
  let i = 0;
  for (const dc of el.children.filter((c) => c.name === 'domain-config')) {
    const p = `${path}/domain-config[${++i}]`;
    const domains = dc.children
      .filter((c) => c.name === 'domain')
      .map((d) => ({ name: (d.text ?? '').trim(), includeSubdomains: attrBoolean(plainAttr(d, 'includeSubdomains')) ?? false }));
    const cfg: NscDomainConfig = { domains, path: p };
    const clear = attrBoolean(plainAttr(dc, 'cleartextTrafficPermitted'));
    if (clear !== undefined) cfg.cleartextTrafficPermitted = clear;
    const ta = anchors(dc.children.find((c) => c.name === 'trust-anchors'), resolveFile);
    if (ta !== undefined) cfg.trustAnchors = ta;
    const ps = dc.children.find((c) => c.name === 'pin-set');
    if (ps !== undefined) {
      const exp = plainAttr(ps, 'expiration')?.str;
      cfg.pinSet = {
        ...(exp !== undefined && exp !== null ? { expiration: exp } : {}),
        pins: ps.children.filter((c) => c.name === 'pin').map((pin) => ({ digest: plainAttr(pin, 'digest')?.str ?? '', value: (pin.text ?? '').trim() })),
      };
    }
    out.push(cfg);
    // Nested domain-configs inherit from their parent; they are configs of their own here.
    if (depth < 8) domainConfigs(dc, p, resolveFile, out, depth + 1);
  }
}

/** Reads the file named by android:networkSecurityConfig; undefined when there is none or it does not decode. */
export function readNetworkSecurityConfig(zip: ZipArchive, manifest: Manifest, resolveFile: (resId: number) => string | undefined, diagnostics: DiagnosticSink): NetworkSecurityConfig | undefined {
  const ref = manifest.application?.networkSecurityConfig;
  if (ref === undefined) return undefined;
  const entry = ref.ref !== undefined ? resolveFile(ref.ref) : ref.text.startsWith('res/') ? ref.text : undefined;
  if (entry === undefined || !zip.has(entry)) {
    diagnostics.add('W_ARTIFACT_FAILED', `networkSecurityConfig ${ref.text} names no file in the APK`, 'AndroidManifest.xml');
    return undefined;
  }
  let root: XmlElement;
  try {
    const bytes = zip.read(entry);
    // An app bundle's res/ files are aapt2 protobuf XML; binary XML starts with RES_XML_TYPE (03 00).
    root = bytes[0] !== 0x03 && !entry.startsWith('res/') ? decodeProtoXml(bytes, { entry }).root : decodeAxml(bytes, { entry, diagnostics }).root;
  } catch (e) {
    if (!isPledgeError(e)) throw e;
    diagnostics.add('W_ARTIFACT_FAILED', `${entry}: ${e.code} ${e.message}`, entry, e.offset);
    return undefined;
  }
  const nsc: NetworkSecurityConfig = { entry, domains: [] };
  const base = root.children.find((c) => c.name === 'base-config');
  if (base !== undefined) {
    const b: NonNullable<NetworkSecurityConfig['base']> = { path: '/network-security-config/base-config' };
    const clear = attrBoolean(plainAttr(base, 'cleartextTrafficPermitted'));
    if (clear !== undefined) b.cleartextTrafficPermitted = clear;
    const ta = anchors(base.children.find((c) => c.name === 'trust-anchors'), resolveFile);
    if (ta !== undefined) b.trustAnchors = ta;
    nsc.base = b;
  }
  domainConfigs(root, '/network-security-config', resolveFile, nsc.domains, 0);
  const dbg = root.children.find((c) => c.name === 'debug-overrides');
  if (dbg !== undefined) nsc.debugOverrides = { trustAnchors: anchors(dbg.children.find((c) => c.name === 'trust-anchors'), resolveFile) ?? [], path: '/network-security-config/debug-overrides' };
  return nsc;
}

/**
 * Whether cleartext HTTP is permitted by default (for domains no domain-config names): the
 * base-config's value, else usesCleartextTraffic, else the platform default (true up to
 * targetSdk 27, false from 28).
 */
export function baseCleartextPermitted(manifest: Manifest, nsc: NetworkSecurityConfig | undefined): { permitted: boolean; why: 'nsc-base' | 'manifest' | 'default' } {
  if (nsc?.base?.cleartextTrafficPermitted !== undefined) return { permitted: nsc.base.cleartextTrafficPermitted, why: 'nsc-base' };
  // With a network security config, Android ignores android:usesCleartextTraffic.
  if (nsc === undefined && manifest.application?.usesCleartextTraffic !== undefined) return { permitted: manifest.application.usesCleartextTraffic, why: 'manifest' };
  return { permitted: manifest.effectiveTargetSdk <= 27, why: 'default' };
}
