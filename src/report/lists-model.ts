import type { Owner } from '../model/index.js';

/**
 * The two lists Chinese regulators expect an app to publish (双清单), drafted from evidence:
 * 《个人信息收集清单》 (what personal information the app and its SDKs collect, where and when) and
 * 《第三方共享清单》 (every third-party SDK, what it reads, when it starts, its vendor's policy).
 * What static analysis cannot know, the business purpose of a read, is `null`: an empty cell for
 * the app team to fill, never a guess.
 */
export const LISTS_SCHEMA_VERSION = 1;

/** Where a read happens: reached from a startup root, from a boot receiver only, or neither (a feature the user opens). */
export type PiWhere = 'startup' | 'background' | 'feature';
/**
 * before: reached on startup with no consent gate on the path; after-gate: reached on startup
 * only behind a consent gate; on-use: not on a startup path (it runs when a feature is used, after
 * the first screen); unknown: the startup call graph was not built or reached its bound.
 */
export type PiConsent = 'before' | 'after-gate' | 'on-use' | 'unknown';
/** How a third-party SDK starts: before consent, behind a gate, not at startup, or unknown. */
export type SdkStart = 'before-consent' | 'after-gate' | 'not-at-startup' | 'unknown';

export interface ListRoot {
  /** provider, application, launcher, boot-receiver. */
  kind: string;
  /** The component's class, in Java form. */
  component: string;
}

export interface ListEvidence {
  /** The API matched (`Landroid/telephony/TelephonyManager;->getDeviceId`). */
  api: string;
  /** The method holding the call (`Lcom/a/B;->m()V`). */
  method: string;
  /** DEX entry (names the module or split of a bundle). */
  entry: string;
  pc?: number;
}

export interface PiListRow {
  /** PI kind id (IMEI, LOCATION…), and its name in the regulator's words. */
  kind: string;
  label: { en: string; zh: string };
  collector: Owner;
  /** The collector's name: the app itself, or the SDK (both languages). */
  collectorName: { en: string; zh: string };
  where: PiWhere;
  roots: ListRoot[];
  consent: PiConsent;
  /** Permissions the read rests on, and whether the manifest requests each. */
  permissions: { name: string; declared: boolean }[];
  /** Business purpose: static analysis cannot know it. */
  purpose: null;
  /** Call sites found. */
  sites: number;
  /** Up to five places to look (the same as the audit report's personalInformation examples). */
  evidence: ListEvidence[];
}

export interface ShareListRow {
  sdk: string;
  name: { en: string; zh?: string };
  vendor: { en: string; zh?: string };
  category: string;
  /** PI kinds its own code reads. */
  piKinds: { kind: string; label: { en: string; zh: string } }[];
  /** Permissions those reads rest on, and whether the manifest requests each. */
  permissions: { name: string; declared: boolean }[];
  start: SdkStart;
  /** How it starts on startup: the root and the SDK API reached (or its own provider). */
  startVia: (ListRoot & { api?: string })[];
  /** The vendor's published privacy policy (catalogue, with its source), or null when not catalogued. */
  privacyPolicyUrl: string | null;
  /** What is shared and why: static analysis cannot know it. */
  purpose: null;
}

export interface PiLists {
  schemaVersion: typeof LISTS_SCHEMA_VERSION;
  tool: { name: string; version: string };
  target: { file: string; package: string; versionCode: string | null; versionName: string | null; label: string | null };
  collection: PiListRow[];
  sharing: ShareListRow[];
  /** Limits the reader must know: the startup graph was bounded or off, code was not analysed. */
  limits: ('graph-bounded' | 'no-graph' | 'no-code')[];
}
