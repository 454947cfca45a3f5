import { decodeItem, type ProtoValue } from '../axml/proto-xml.js';
import { TYPE_REFERENCE } from '../axml/types.js';
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

export interface ProtoResourceTable {
  packageName: string;
  resources: ReadonlyMap<number, ProtoResource>;
  /** The value after following references (at most 20 hops, never twice through one ID). */
  resolve(resId: number): ProtoValue | undefined;
}

function idOf(bytes: Uint8Array, entry: string | undefined): number {
  for (const f of protoFields(bytes, entry)) if (f.no === 1) return f.num >>> 0;
  return 0;
}

export function parseProtoResourceTable(bytes: Uint8Array, opts: { entry?: string } = {}): ProtoResourceTable {
  const entry = opts.entry;
  const resources = new Map<number, ProtoResource>();
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
          else if (f.no === 6 && !chosenDefault) {
            let isDefault = true;
            let value: ProtoValue | undefined;
            for (const c of protoFields(f.bytes, entry)) {
              if (c.no === 1 && c.bytes.length > 0) isDefault = false;
              else if (c.no === 2) for (const v of protoFields(c.bytes, entry)) if (v.no === 4) value = decodeItem(v.bytes, entry);
            }
            // The default configuration wins; else the first one listed (aapt2 sorts them).
            if (value !== undefined && (chosen === undefined || isDefault)) {
              chosen = value;
              chosenDefault = isDefault;
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
