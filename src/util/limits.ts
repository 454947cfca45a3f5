import { PledgeError, type ErrorCode } from './errors.js';

/**
 * Every size or count that comes from an input is checked against one of these before we allocate
 * or loop. Defaults are generous for real apps (the largest store apps have ~40k zip entries and
 * ~80 MB of DEX) and small enough that a hostile file cannot exhaust a 2 GB worker.
 */
export interface Limits {
  /** Largest input file read into memory. */
  maxInputBytes: number;
  /** Central-directory entries per archive. */
  maxZipEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries read for one app. */
  maxTotalInflatedBytes: number;
  /** Inflated:compressed ratio, enforced for entries that inflate past `ratioFloorBytes`. */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** Strings in one string pool (AXML, ARSC). */
  maxStringPoolEntries: number;
  /** Elements in one binary XML document. */
  maxXmlNodes: number;
  /** Diagnostics kept per app. */
  maxDiagnostics: number;
  /** Bytes of one text asset scanned for strings; bytes of all assets. */
  maxAssetBytes: number;
  maxTotalAssetBytes: number;
  /** Nested archives (split bundles) are followed this deep. */
  maxNestingDepth: number;
  /**
   * Units of DEX table validation done when a DEX is opened (one per id entry, type-list entry or
   * class member); entries past it are validated on first read instead. Default VALIDATION_BUDGET.
   */
  dexValidationBudget?: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxInputBytes: 2 * 1024 ** 3 - 1,
  maxZipEntries: 200_000,
  maxEntryBytes: 512 * 1024 ** 2,
  maxTotalInflatedBytes: 1536 * 1024 ** 2,
  maxCompressionRatio: 200,
  ratioFloorBytes: 8 * 1024 ** 2,
  maxStringPoolEntries: 4_000_000,
  maxXmlNodes: 1_000_000,
  maxDiagnostics: 500,
  maxAssetBytes: 4 * 1024 ** 2,
  maxTotalAssetBytes: 64 * 1024 ** 2,
  maxNestingDepth: 1,
});

export function withLimits(overrides: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...(overrides ?? {}) };
}

/** Rejects non-finite, negative or too-large values read from input before they are used. */
export function safeBound(value: number, max: number, code: ErrorCode, what: string, entry?: string): number {
  if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) {
    throw new PledgeError(code, `${what} is not a valid size: ${value}`, { entry });
  }
  if (value > max) {
    throw new PledgeError(code, `${what} is ${value}, above the limit of ${max}`, { entry });
  }
  return value;
}
