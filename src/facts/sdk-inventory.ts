import type { Manifest } from '../manifest/model.js';
import { detectPackers, detectSdks, type PackerDetection, type SdkDetection } from '../sdk/index.js';
import type { SdkApi, SdkRecord } from '../sdk/types.js';
import type { ApiUse } from './api-uses.js';
import type { CodeFacts, CodeSite } from './code.js';

/** A compliance or init API of a detected SDK, and whether the app's code calls it. */
export interface SdkApiUse extends SdkApi {
  /** Call sites anywhere in the app (first party or the SDK's own wrappers). */
  sites: CodeSite[];
  /**
   * Whether the bundled SDK has this API: its class is in the app's DEX with a method of that name.
   * An SDK older than the API (a compliance API added later) lacks it, and cannot be asked to call it.
   */
  present: boolean;
}

/**
 * One SDK in the app with its evidence levels (CLAUSES.md §0):
 * present (classes, components, .so, assets, meta-data), used (first-party code calls into it),
 * PI touched (personal-information APIs called inside its namespace).
 */
export interface SdkFinding {
  record: SdkRecord;
  detection: SdkDetection;
  used: boolean;
  /** Up to five first-party call sites into the SDK. */
  usedFrom: CodeSite[];
  /** PI kinds whose APIs are called inside the SDK's namespace. */
  piKinds: string[];
  consentApis: SdkApiUse[];
  initApis: SdkApiUse[];
}

export interface InventoryInput {
  manifest: Manifest;
  entries: readonly string[];
  code: CodeFacts | undefined;
  apiUses: readonly ApiUse[];
  records: readonly SdkRecord[];
  isAppClass: (descriptor: string) => boolean;
  sdkOfDescriptor: (descriptor: string) => string | undefined;
}

export function nativeLibEntries(entries: readonly string[]): string[] {
  return entries.filter((e) => /^lib\/[^/]+\/[^/]+\.so$/.test(e));
}

export function assetEntries(entries: readonly string[]): string[] {
  return entries.filter((e) => e.startsWith('assets/') && !e.endsWith('/'));
}

/** The SDKs an app bundles, with what each does in this app. */
export function buildSdkInventory(input: InventoryInput): SdkFinding[] {
  const m = input.manifest;
  const metaDataKeys = [...m.metaData.map((d) => d.name), ...m.components.flatMap((c) => c.metaData.map((d) => d.name))];
  const code = input.code;
  const detections = detectSdks({
    classDescriptors: code?.classDescriptors() ?? [],
    components: m.components.map((c) => c.name),
    metaDataKeys,
    nativeLibs: nativeLibEntries(input.entries),
    assets: assetEntries(input.entries),
    ...(code === undefined ? {} : { hasString: (s: string) => code.hasString(s), isInterface: (d: string) => ((code.hierarchy.get(d)?.accessFlags ?? 0) & 0x200) !== 0 }),
    appPackage: m.package,
  });
  const byId = new Map(input.records.map((r) => [r.id, r]));
  const usedFrom = code === undefined ? new Map<string, CodeSite[]>() : firstPartyCallsIntoSdks(code, input.isAppClass, input.sdkOfDescriptor);
  return detections.map((detection) => {
    const record = byId.get(detection.sdk.id) as SdkRecord;
    const calls = usedFrom.get(record.id) ?? [];
    const piKinds = [...new Set(input.apiUses.filter((u) => u.owner.kind === 'sdk' && u.owner.id === record.id).map((u) => u.kind))].sort();
    const apiSites = (apis: SdkApi[]): SdkApiUse[] =>
      apis.map((api) => {
        const [cls, method] = api.ref.split('->') as [string, string];
        const present = code !== undefined && code.hierarchy.methodsOf(cls, method).length > 0;
        return { ...api, sites: code?.invokesOf(cls, method) ?? [], present };
      });
    return { record, detection, used: calls.length > 0, usedFrom: calls.slice(0, 5), piKinds, consentApis: apiSites(record.consentApis), initApis: apiSites(record.initApis) };
  });
}

/** First-party invokes whose callee is a class in an SDK namespace, grouped by SDK. */
function firstPartyCallsIntoSdks(code: CodeFacts, isAppClass: (d: string) => boolean, sdkOf: (d: string) => string | undefined): Map<string, CodeSite[]> {
  const out = new Map<string, CodeSite[]>();
  for (const u of code.units) {
    const dex = u.dex;
    // Ownership is a property of the class, so it is computed once per type, not per call site.
    const sdkIds: string[] = [];
    const sdkOfType = new Int32Array(dex.typeCount).fill(-2);
    const appOfType = new Int8Array(dex.typeCount).fill(-1);
    const t = u.scan.invokes;
    for (let i = 0; i < t.count; i++) {
      const calleeType = dex.methodClassIdx(t.ref[i] as number);
      let sdk = sdkOfType[calleeType] as number;
      if (sdk === -2) {
        const id = sdkOf(dex.typeDescriptor(calleeType));
        sdk = id === undefined ? -1 : sdkIds.indexOf(id) >= 0 ? sdkIds.indexOf(id) : sdkIds.push(id) - 1;
        sdkOfType[calleeType] = sdk;
      }
      if (sdk < 0) continue;
      const caller = t.caller[i] as number;
      const callerType = dex.methodClassIdx(caller);
      let app = appOfType[callerType] as number;
      if (app === -1) {
        app = isAppClass(dex.typeDescriptor(callerType)) ? 1 : 0;
        appOfType[callerType] = app;
      }
      if (app === 0) continue;
      const id = sdkIds[sdk] as string;
      const list = out.get(id) ?? [];
      if (list.length < 20) list.push({ unit: u, caller, pc: t.pc[i] as number, ref: t.ref[i] as number });
      out.set(id, list);
    }
  }
  return out;
}

export function findPackers(entries: readonly string[], code: CodeFacts | undefined, manifest: Manifest): PackerDetection[] {
  return detectPackers({
    nativeLibs: nativeLibEntries(entries),
    assets: assetEntries(entries),
    entries: [...entries],
    classDescriptors: code?.classDescriptors() ?? [],
    components: [...manifest.components.map((c) => c.name), ...(manifest.application?.className !== undefined ? [manifest.application.className] : [])],
  });
}
