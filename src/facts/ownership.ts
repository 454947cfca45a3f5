import type { Owner } from '../model/index.js';
import type { CodeFacts } from './code.js';

/**
 * Who owns the packages no catalogue names, from who calls them. First party is the app's own
 * packages (the manifest package, the Application's and launcher's packages) and the packages only
 * they use; a package only one SDK uses (an SDK's renamed internals, `a.a.b` called only from
 * Umeng) is that SDK's; anything else outside the app's packages is unidentified third-party code.
 * Never a guess that code is the app's because nothing else claims it.
 */

/** `com.a.b` of `Lcom/a/b/C;` (`` for the default package). */
export function packageOfDescriptor(desc: string): string {
  const end = desc.lastIndexOf('/');
  return end < 1 ? '' : desc.slice(1, end).replace(/\//g, '.');
}

export function packageOfClassName(name: string): string {
  const end = name.lastIndexOf('.');
  return end < 0 ? '' : name.slice(0, end);
}

export interface OwnershipInput {
  code: CodeFacts;
  /** The owner of a package by name alone (the app's roots, catalogue SDK, library, vendor), or undefined. */
  known: (pkg: string, sampleDescriptor: string) => Owner | undefined;
  /** The SDK whose signature strings a package's code holds (an SDK renamed by R8/ProGuard), or undefined. */
  marked?: (pkg: string) => Owner | undefined;
}

/** Callers of each package defined in the app's DEX files, as packages; capped per package. */
const MAX_CALLERS_PER_PACKAGE = 64;

export function packageOwners(input: OwnershipInput): Map<string, Owner> {
  const { code } = input;
  // Packages are interned as numbers, and each DEX's types mapped to them once: the walk over the
  // invoke sites then compares numbers, never decoding or slicing a descriptor per site.
  const ids = new Map<string, number>();
  const names: string[] = [];
  const intern = (p: string): number => {
    let id = ids.get(p);
    if (id === undefined) {
      id = names.length;
      ids.set(p, id);
      names.push(p);
    }
    return id;
  };
  const callers: (Set<number> | undefined)[] = [];
  const sample = new Map<string, string>();
  for (const u of code.units) {
    const dex = u.dex;
    // Package of each type the DEX defines (callee side, -1: the platform's); the caller side is
    // filled on demand (-2: not yet known).
    const defined = new Int32Array(dex.typeCount).fill(-1);
    const ofType = new Int32Array(dex.typeCount).fill(-2);
    for (let i = 0; i < dex.classDefCount; i++) {
      const t = dex.classDefTypeIdx(i);
      const desc = dex.typeDescriptor(t);
      const p = packageOfDescriptor(desc);
      const id = intern(p);
      if (t >= 0 && t < defined.length) {
        defined[t] = id;
        ofType[t] = id;
      }
      if (!sample.has(p)) sample.set(p, desc);
    }
    const inv = u.scan.invokes;
    for (let k = 0; k < inv.count; k++) {
      const calleeType = dex.methodClassIdx(inv.ref[k] as number);
      const callee = calleeType < defined.length ? (defined[calleeType] as number) : -1;
      if (callee < 0) continue;
      const callerType = dex.methodClassIdx(inv.caller[k] as number);
      let caller = callerType < ofType.length ? (ofType[callerType] as number) : -2;
      if (caller === -2) {
        caller = intern(packageOfDescriptor(dex.typeDescriptor(callerType)));
        if (callerType < ofType.length) ofType[callerType] = caller;
      }
      if (caller === callee) continue;
      let set = callers[callee];
      if (set === undefined) callers[callee] = set = new Set();
      if (set.size < MAX_CALLERS_PER_PACKAGE) set.add(caller);
    }
  }
  const owners = new Map<string, Owner>();
  // `sdk-id\npackage` for every package above one an SDK owns: whether an SDK lies below a package.
  const sdkBelow = new Set<string>();
  const own = (p: string, o: Owner): void => {
    owners.set(p, o);
    if (o.kind !== 'sdk') return;
    for (let end = p.lastIndexOf('.'); end > 0; end = p.lastIndexOf('.', end - 1)) sdkBelow.add(`${o.id}\n${p.slice(0, end)}`);
  };
  for (const [p, desc] of sample) {
    const k = input.known(p, desc) ?? input.marked?.(p);
    if (k !== undefined) own(p, k);
  }
  // A package whose every caller is owned, and owned by one party, belongs to that party.
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const p of sample.keys()) {
      // A vendor's namespace the catalogue does not list (com.baidu.vi inside Baidu Map) belongs to
      // the vendor's SDK that alone calls it; otherwise it stays the vendor's.
      const had = owners.get(p);
      if (had !== undefined && had.kind !== 'vendor') continue;
      const from = callers[ids.get(p) as number];
      if (from === undefined || from.size === 0) continue;
      let party: Owner | undefined;
      let one = true;
      // An SDK's API is called by the app too: a package called only by the app and one SDK whose
      // own packages lie below it (a.b.a.a above the renamed a.b.a.a.g) is that SDK's top package.
      let sdk: Owner | undefined;
      let mixed = true;
      for (const c of from) {
        const o = owners.get(names[c] as string);
        if (o === undefined || (o.kind !== 'app' && o.kind !== 'sdk')) {
          one = false;
          mixed = false;
          break;
        }
        if (o.kind === 'sdk') {
          if (sdk === undefined) sdk = o;
          else if (sdk.kind === 'sdk' && sdk.id !== o.id) mixed = false;
        }
        if (party === undefined) party = o;
        else if (party.kind !== o.kind || (o.kind === 'sdk' && party.kind === 'sdk' && o.id !== party.id)) one = false;
      }
      if (!one && mixed && sdk?.kind === 'sdk' && sdkBelow.has(`${sdk.id}\n${p}`)) {
        party = sdk;
        one = true;
      }
      if (one && party !== undefined && (had === undefined || party.kind === 'sdk')) {
        own(p, party);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return owners;
}
