import { LIMITS } from '../util/limits.js';
import { decodeItem, type ProtoValue } from '../axml/proto-xml.js';
import { TYPE_REFERENCE, TYPE_STRING } from '../axml/types.js';
import { protoFields, protoString } from '../util/protobuf.js';

/**
 * The simple values of an app bundle's `resources.pb` (aapt2's aapt.pb.ResourceTable, from
 * `frameworks/base/tools/aapt2/Resources.proto`): enough to resolve the manifest's references
 * (`@string/app_name`, `@bool/backup`, `@xml/network_security_config`) as the package manager
 * does, in the default configuration. Field numbers:
 *   ResourceTable 2 package; Package 1 package_id (PackageId: 1 id), 2 package_name, 3 type
 *   Type 1 type_id (TypeId: 1 id), 2 name, 3 entry
 *   Entry 1 entry_id (EntryId: 1 id), 2 name, 6 config_value
 *   ConfigValue 1 config (Configuration), 2 value; Value 4 item, 5 compound_value
 * Compound values (styles, arrays, plurals) are not kept: the manifest never points at them.
 */
export interface ProtoResource {
  resId: number;
  /** `string/app_name`. */
  name: string;
  value: ProtoValue;
}

/** A text string of the table in one configuration (for searching every locale). */
export interface ProtoString {
  resId: number;
  /** `string/privacy_title`. */
  name: string;
  /** BCP-47 locale of the configuration (Configuration field 3), '' for none. */
  locale: string;
  value: string;
  /** Position in a string array. */
  index?: number;
  /** Plural quantity (`one`, `other`). */
  quantity?: string;
}

export interface ProtoResourceTable {
  packageName: string;
  /** Text strings of every configuration: simple strings, string-array items, plural items. */
  strings: readonly ProtoString[];
  resources: ReadonlyMap<number, ProtoResource>;
  /** The value after following references (at most 20 hops, never twice through one ID). */
  resolve(resId: number): ProtoValue | undefined;
}

/** Types whose values are file paths, not text (as resources.arsc's allStrings leaves them out). */
const FILE_TYPES = new Set(['anim', 'animator', 'color', 'drawable', 'font', 'interpolator', 'layout', 'menu', 'mipmap', 'navigation', 'raw', 'transition', 'xml']);
/** Plural.Arity (Resources.proto) → quantity name. */
const ARITY = ['zero', 'one', 'two', 'few', 'many', 'other'];
/** Text strings kept per table: enough for any real app, bounded for a hostile one. */
export const MAX_PROTO_STRINGS = LIMITS.protoResourceStrings.value;

function textOf(item: ProtoValue | undefined): string | undefined {
  return item !== undefined && item.type === TYPE_STRING && item.str !== null ? item.str : undefined;
}

/** Array{1 element{3 item}} or Plural{1 entry{3 arity, 4 item}} → their text items. */
function compoundStrings(bytes: Uint8Array, entry: string | undefined): { index?: number; quantity?: string; value: string }[] {
  const out: { index?: number; quantity?: string; value: string }[] = [];
  for (const c of protoFields(bytes, entry)) {
    if (c.no === 4) {
      let i = 0;
      for (const el of protoFields(c.bytes, entry)) {
        if (el.no !== 1) continue;
        for (const f of protoFields(el.bytes, entry)) {
          const v = f.no === 3 ? textOf(decodeItem(f.bytes, entry)) : undefined;
          if (v !== undefined) out.push({ index: i, value: v });
        }
        i++;
      }
    } else if (c.no === 5) {
      for (const el of protoFields(c.bytes, entry)) {
        if (el.no !== 1) continue;
        let arity = 0;
        let v: string | undefined;
        for (const f of protoFields(el.bytes, entry)) {
          if (f.no === 3) arity = f.num;
          else if (f.no === 4) v = textOf(decodeItem(f.bytes, entry));
        }
        if (v !== undefined) out.push({ quantity: ARITY[arity] ?? 'other', value: v });
      }
    }
  }
  return out;
}

function idOf(bytes: Uint8Array, entry: string | undefined): number {
  for (const f of protoFields(bytes, entry)) if (f.no === 1) return f.num >>> 0;
  return 0;
}

export function parseProtoResourceTable(bytes: Uint8Array, opts: { entry?: string } = {}): ProtoResourceTable {
  const entry = opts.entry;
  const resources = new Map<number, ProtoResource>();
  const strings: ProtoString[] = [];
  let packageName = '';
  for (const p of protoFields(bytes, entry)) {
    if (p.no !== 2) continue;
    let pkgId = 0;
    const types: Uint8Array[] = [];
    for (const f of protoFields(p.bytes, entry)) {
      if (f.no === 1) pkgId = idOf(f.bytes, entry);
      else if (f.no === 2 && packageName === '') packageName = protoString(f);
      else if (f.no === 3) types.push(f.bytes);
    }
    for (const t of types) {
      let typeId = 0;
      let typeName = '';
      const entries: Uint8Array[] = [];
      for (const f of protoFields(t, entry)) {
        if (f.no === 1) typeId = idOf(f.bytes, entry);
        else if (f.no === 2) typeName = protoString(f);
        else if (f.no === 3) entries.push(f.bytes);
      }
      for (const e of entries) {
        let entryId = 0;
        let name = '';
        let chosen: ProtoValue | undefined;
        let chosenDefault = false;
        for (const f of protoFields(e, entry)) {
          if (f.no === 1) entryId = idOf(f.bytes, entry);
          else if (f.no === 2) name = protoString(f);
          else if (f.no === 6) {
            let isDefault = true;
            let locale = '';
            let value: ProtoValue | undefined;
            let compound: Uint8Array | undefined;
            for (const c of protoFields(f.bytes, entry)) {
              if (c.no === 1 && c.bytes.length > 0) {
                isDefault = false;
                for (const q of protoFields(c.bytes, entry)) if (q.no === 3) locale = protoString(q);
              } else if (c.no === 2) {
                for (const v of protoFields(c.bytes, entry)) {
                  if (v.no === 4) value = decodeItem(v.bytes, entry);
                  else if (v.no === 5) compound = v.bytes;
                }
              }
            }
            // The default configuration wins; else the first one listed (aapt2 sorts them).
            if (value !== undefined && !chosenDefault && (chosen === undefined || isDefault)) {
              chosen = value;
              chosenDefault = isDefault;
            }
            if (!FILE_TYPES.has(typeName) && strings.length < MAX_PROTO_STRINGS) {
              const resId = ((pkgId << 24) | (typeId << 16) | entryId) >>> 0;
              const text = textOf(value);
              if (text !== undefined) strings.push({ resId, name: `${typeName}/${name}`, locale, value: text });
              if (compound !== undefined) for (const x of compoundStrings(compound, entry)) strings.push({ resId, name: `${typeName}/${name}`, locale, ...x });
            }
          }
        }
        if (chosen === undefined) continue;
        const resId = ((pkgId << 24) | (typeId << 16) | entryId) >>> 0;
        resources.set(resId, { resId, name: `${typeName}/${name}`, value: chosen });
      }
    }
  }
  return {
    packageName,
    strings,
    resources,
    resolve(resId: number): ProtoValue | undefined {
      const seen = new Set<number>();
      let id = resId >>> 0;
      for (let hop = 0; hop <= 20; hop++) {
        const r = resources.get(id);
        if (r === undefined || seen.has(id)) return undefined;
        seen.add(id);
        if (r.value.type !== TYPE_REFERENCE || r.value.data === 0) return r.value;
        id = r.value.data;
      }
      return undefined;
    },
  };
}
