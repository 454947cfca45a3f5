import type { ApiUse } from './api-uses.js';
import type { CodeFacts } from './code.js';
import { flowEvents, type FlowEvent, type Tag } from './flow.js';
import { isPledgeError } from '../util/errors.js';

/**
 * What a matched API call does, read from the method that makes it: the PI table matches by class
 * and method name, and some of those calls read nothing personal depending on their arguments.
 * Each rule here narrows a match to what the bytes show, and says so when they cannot tell.
 */

const QUERY_INTENT = /^Landroid\/content\/pm\/PackageManager;->queryIntent(Activities|Services)$/;
const LISTEN = 'Landroid/telephony/TelephonyManager;->listen';
const NARROWING = /^Landroid\/content\/Intent;->(setPackage|setComponent|setClassName|setClass|setSelector)\(/;
const MAIN = 'android.intent.action.MAIN';
const OBSERVER_CALLS = /^Landroid\/content\/ContentResolver;->(registerContentObserver|unregisterContentObserver|notifyChange)\(/;

/** PhoneStateListener flags (android.telephony.PhoneStateListener.LISTEN_*) that read personal information. */
const LISTEN_FLAGS: readonly [number, string][] = [
  [0x20, 'CALL_STATE'], // LISTEN_CALL_STATE: incoming numbers and call state
  [0x10, 'LOCATION'], // LISTEN_CELL_LOCATION: the serving cell, a coarse location
  [0x400, 'LOCATION'], // LISTEN_CELL_INFO
];

/** `isLive(methodKey)`: whether some entry point reaches the method (src/facts/liveness.ts). */
export function refineApiUses(code: CodeFacts, uses: readonly ApiUse[], isLive: (methodKey: string) => boolean): ApiUse[] {
  const flows = new Map<string, FlowEvent[]>();
  const eventsOf = (u: ApiUse): FlowEvent[] => {
    const site = u.site;
    if (site === undefined) return [];
    const key = `${site.unit.index}:${site.caller}`;
    let ev = flows.get(key);
    if (ev === undefined) {
      const off = code.codeOffOf(site.unit, site.caller);
      ev = [];
      if (off !== undefined) {
        try {
          ev = flowEvents(site.unit.dex, off, () => undefined);
        } catch (e) {
          if (!isPledgeError(e)) throw e;
        }
      }
      flows.set(key, ev);
    }
    return ev;
  };
  const out: ApiUse[] = [];
  for (const u of uses) {
    // A read in a method nothing can reach (an unused library wrapper, a utility class of which the
    // app uses other methods) is not something the app does.
    if (u.site !== undefined && !isLive(u.caller)) continue;
    if (u.via === 'invoke' && QUERY_INTENT.test(u.api)) {
      if (listsApps(u, eventsOf(u))) out.push(u);
      continue;
    }
    if (u.via === 'invoke' && u.api === LISTEN) {
      out.push(...listenUses(u, eventsOf(u)));
      continue;
    }
    if (u.via === 'field' && onlyObserved(u, eventsOf(u))) continue;
    out.push(u);
  }
  return out;
}

/**
 * queryIntentActivities/Services lists installed apps only for a broad intent built in the same
 * method: ACTION_MAIN (every launchable app) or no action at all, and not narrowed to one package
 * or component. Resolving one action (share, open with) or an intent built elsewhere is a lookup
 * for one task, not a list of what the user installed.
 */
function listsApps(u: ApiUse, events: readonly FlowEvent[]): boolean {
  const call = events.find((e) => e.pc === u.pc);
  const intent = call?.args[1];
  if (intent?.t !== 'object' || intent.site === undefined || intent.cls !== 'Landroid/content/Intent;') return false;
  const on = events.filter((e) => e.pc !== u.pc && sameObject(e.args[0], intent));
  if (on.some((e) => NARROWING.test(e.callee))) return false;
  let action: string | number | undefined;
  for (const e of on) {
    if (/^Landroid\/content\/Intent;-><init>\(Ljava\/lang\/String;/.test(e.callee) || /^Landroid\/content\/Intent;->setAction\(/.test(e.callee)) {
      const a = e.args[1];
      action = a?.t === 'const' ? a.value : '?';
    }
    // new Intent(context, Some.class) names one component.
    if (/^Landroid\/content\/Intent;-><init>\(Landroid\/content\/Context;Ljava\/lang\/Class;\)/.test(e.callee)) return false;
  }
  return action === undefined || action === MAIN;
}

/**
 * A content URI (ContactsContract.Contacts.CONTENT_URI, Telephony.Sms.CONTENT_URI…) read only to
 * register or drop a ContentObserver: the observer learns that something changed, not what; rows
 * are read by a query, which is a site of its own. A value used anywhere else, or not used in this
 * method at all (stored, returned), still counts as a read.
 */
function onlyObserved(u: ApiUse, events: readonly FlowEvent[]): boolean {
  const uses = events.filter((e) => e.args.some((a) => a?.t === 'object' && a.site === undefined && a.field === u.pc));
  return uses.length > 0 && uses.every((e) => OBSERVER_CALLS.test(e.callee));
}

function sameObject(a: Tag | undefined, b: Tag): boolean {
  return a?.t === 'object' && b.t === 'object' && a.site !== undefined && a.site === b.site;
}

/** TelephonyManager.listen(listener, flags): what the flags subscribe to; non-constant flags are uncertain. */
function listenUses(u: ApiUse, events: readonly FlowEvent[]): ApiUse[] {
  const flags = events.find((e) => e.pc === u.pc)?.args[2];
  if (flags?.t !== 'const' || typeof flags.value !== 'number') return [{ ...u, kind: 'CALL_STATE', uncertain: 'listen-flags' }];
  const value = flags.value;
  const kinds = [...new Set(LISTEN_FLAGS.filter(([bit]) => (value & bit) !== 0).map(([, kind]) => kind))];
  return kinds.map((kind) => ({ ...u, kind, api: `${u.api}(0x${value.toString(16)})` }));
}
