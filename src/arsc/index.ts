/**
 * resources.arsc: `parseArsc` builds a ResourceTable (lazy: type chunks are indexed, entries
 * decoded on lookup); the table names resources, lists their configurations, resolves them
 * (default configuration or a locale, references followed) and lists every string.
 */
export { parseArsc, readTableHeader, type ParseArscOptions, type TableHeader } from './parse.js';
export { ResourceTable, MAX_REFERENCE_DEPTH, type PackageInfo } from './resource-table.js';
export { bcp47Locale, defaultConfig, formatQualifiers, isDefaultConfig, readResConfig, type ResConfig } from './config.js';
export { configMatches, deviceConfig, isBetterThan, likelyScript, parseLocale, type LocaleRequest } from './config-match.js';
export type { Bag, BagItem, ConfigValue, ResolvedValue, ResolveOptions, ResolveStop, ResourceName, StringResource, TypedValue } from './types.js';
