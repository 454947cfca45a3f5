import type { ResConfig } from './config.js';

/** A Res_value as stored: data type, 32-bit data, and the string it names for TYPE_STRING. */
export interface TypedValue {
  /** Res_value dataType: TYPE_STRING, TYPE_REFERENCE, TYPE_INT_BOOLEAN… (src/axml/types.ts). */
  type: number;
  /** Res_value data: the number, the resource ID of a reference, the global-pool index of a string. */
  data: number;
  /** For TYPE_STRING, the string from the table's global pool (absent when the index is out of range). */
  string?: string;
}

/** One name → value pair of a complex entry (style attribute, array item, plural quantity). */
export interface BagItem {
  /** ResTable_map name: an attribute ID, Res_MAKEARRAY(i) = 0x02000000+i, or ATTR_ONE… (0x01000006…). */
  name: number;
  value: TypedValue;
}

/** A complex entry (FLAG_COMPLEX): styles, arrays, plurals, attribute definitions. */
export interface Bag {
  /** ResTable_map_entry parent: the bag this one inherits from, 0 for none (not followed). */
  parent: number;
  items: BagItem[];
}

/** One configuration's value of a resource. Exactly one of `value` and `bag` is set. */
export interface ConfigValue {
  resId: number;
  /** The configuration of the type chunk the value comes from (shared, frozen). */
  config: Readonly<ResConfig>;
  /** The configuration as aapt's qualifier string: `default`, `zh-rCN`, `night-v21`, … */
  qualifiers: string;
  value: TypedValue | undefined;
  bag: Bag | undefined;
}

/** Why a reference chain ended on a reference instead of a value. */
export type ResolveStop =
  /** the reference points outside this table (android:…, another shared library) */
  | 'external'
  /** the table has no entry for the referenced ID */
  | 'missing'
  /** the chain comes back to an ID it has already visited */
  | 'cycle'
  /** the chain is longer than the depth bound */
  | 'depth';

/** The value a resource resolves to, after following references. */
export interface ResolvedValue extends ConfigValue {
  /** The IDs visited, from the one asked for to the one holding this value (`resId`). */
  chain: number[];
  /** Set when the chain ended on an unresolvable reference; `value` is that reference. */
  stop?: ResolveStop;
}

/** A resource's name as aapt prints it: `com.example:string/app_name`. */
export interface ResourceName {
  package: string;
  type: string;
  key: string;
}

export interface ResolveOptions {
  /** A locale such as `zh-CN`, `zh`, `en`, `b+sr+Latn`; without it the default configuration is used. */
  locale?: string;
}

/** One string of the table, for the lexicon: every configuration, array items and plurals included. */
export interface StringResource {
  resId: number;
  /** `type/key`, e.g. `string/app_name`, `array/planets`. */
  name: string;
  /** Qualifier string of the configuration (`default`, `zh-rCN`, …). */
  config: string;
  value: string;
  /** Position of the item in a string array. */
  index?: number;
  /** Plural quantity of the item: zero, one, two, few, many, other. */
  quantity?: string;
}
