import { loadData } from '../util/data-path.js';

/** One of the 39 app types of the 2021 necessary-information rule (rules/data/categories.json). */
export interface AppCategory {
  no: number;
  /** Canonical name as the rule writes it, e.g. 网上购物类. */
  name: string;
  /** Name without the trailing 类. */
  short: string;
  aliases: string[];
  basicFunction: string | null;
  /** The necessary personal information, verbatim; null when the reference has no transcription. */
  necessaryPi: string[] | null;
  /** Device-sourced PI kinds (pi-apis.json) the necessary information implies; null when unknown. */
  necessaryKinds: string[] | null;
  /** One of the 13 types whose basic function needs no personal information. */
  noPiNeeded: boolean;
}

let table: { all: AppCategory[]; byKey: Map<string, AppCategory> } | undefined;

function load(): { all: AppCategory[]; byKey: Map<string, AppCategory> } {
  if (table !== undefined) return table;
  const all = loadData<{ categories: AppCategory[] }>('categories.json').categories;
  const byKey = new Map<string, AppCategory>();
  for (const c of all) for (const k of [c.name, c.short, String(c.no), ...c.aliases]) byKey.set(k.toLowerCase(), c);
  table = { all, byKey };
  return table;
}

export function allCategories(): readonly AppCategory[] {
  return load().all;
}

/** A category by canonical name, name without 类, English alias (any case) or number 1–39. */
export function findCategory(key: string): AppCategory | undefined {
  return load().byKey.get(key.trim().toLowerCase());
}

/** `地图导航 (map-navigation)`, one per type, for usage errors and help. */
export function categoryChoices(): string[] {
  return load().all.map((c) => `${c.short} (${c.aliases[0] ?? c.no})`);
}

/**
 * Canonical names for user input (comma-separated values allowed); throws with the unknown
 * names so that the CLI can turn it into a usage error listing the valid ones.
 */
export function resolveCategories(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const unknown: string[] = [];
  for (const raw of inputs.flatMap((s) => s.split(/[,，、]/))) {
    if (raw.trim() === '') continue;
    const c = findCategory(raw);
    if (c === undefined) unknown.push(raw.trim());
    else if (!out.includes(c.name)) out.push(c.name);
  }
  if (unknown.length > 0) throw new UnknownCategoryError(unknown);
  return out;
}

export class UnknownCategoryError extends Error {
  constructor(readonly unknown: string[]) {
    super(`unknown app categor${unknown.length === 1 ? 'y' : 'ies'} ${unknown.map((u) => `'${u}'`).join(', ')}; valid (Chinese name, English alias or number): ${categoryChoices().join(', ')}`);
  }
}
