import { loadData } from '../util/data-path.js';

/** rules/data/pi-apis.json: the personal-information source APIs of CLAUSES.md §2.1. */
export interface PiKindInfo {
  en: string;
  zh: string;
  /** An identifier the user cannot reset (GB/T 41391 App. F's "不可变更的唯一设备识别码"). */
  immutable: boolean;
  /** Sensitive personal information in PIPL Art. 28's sense (行踪轨迹, communications, biometrics…). */
  sensitive?: boolean;
  permissions: string[];
}

export interface PiTable {
  source: string;
  kinds: Record<string, PiKindInfo>;
  /** role: read (default) returns the PI; listen registers for later values; probe tells only whether one exists. */
  methods: { kind: string; class: string; method: string; role?: 'read' | 'listen' | 'probe'; source: string }[];
  fields: { kind: string; class: string; field: string; source: string }[];
  stringPairs: { kind: string; class: string; method: string; string: string; source: string }[];
  strings: { kind: string; string: string; match: 'exact' | 'prefix'; source: string }[];
  reflection: { kind: string; className: string; source: string }[];
  subclasses: { kind: string; class: string; source: string }[];
}

export function piTable(): PiTable {
  return loadData<PiTable>('pi-apis.json');
}

export function piKindInfo(kind: string): PiKindInfo | undefined {
  return piTable().kinds[kind];
}
