import { findCategory, type AppCategory } from '../../src/engine/categories.js';
import type { RuleOptions } from '../../src/engine/check.js';

/**
 * Device-sourced PI kinds the necessary-information rule is about. Camera, microphone, screen,
 * media and clipboard are device functions requested when a feature is used (CLAUSES.md §4), and
 * accessibility/notification access is clause 5's subject; they are judged elsewhere.
 */
export const CATEGORY_KINDS = ['IMEI', 'IMSI', 'PHONE_NUMBER', 'SERIAL', 'MAC', 'ANDROID_ID', 'ADID', 'APPLIST', 'LOCATION', 'CONTACTS', 'CALL_LOG', 'SMS', 'CALENDAR', 'ACCOUNTS', 'USAGE'];

export function chosenCategories(options: RuleOptions): AppCategory[] {
  return options.categories.map((n) => findCategory(n)).filter((c): c is AppCategory => c !== undefined);
}

/** True when one of the chosen categories is among `names` (canonical names). */
export function hasCategory(options: RuleOptions, ...names: string[]): boolean {
  return options.categories.some((c) => names.includes(c));
}
