import { USAGE_ERROR_CODES } from '../util/errors.js';

/** Documented exit statuses (README, ARCHITECTURE.md). */
export const EXIT = {
  /** No clause at or above --fail-on. */
  OK: 0,
  /** At least one clause at or above --fail-on. */
  FAILED: 1,
  /** Usage or configuration error, an input that does not exist, an output that cannot be written. */
  USAGE: 2,
  /** An input could not be analysed (unreadable, not an APK, malformed beyond what Android accepts, internal error). */
  INPUT: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Codes that are the caller's to fix before any audit can help (a missing input too): exit 2. Every other code is 3. */
export const USAGE_CODES = USAGE_ERROR_CODES;

export function exitForError(code: string): ExitCode {
  return USAGE_CODES.has(code) ? EXIT.USAGE : EXIT.INPUT;
}
