/** Documented exit statuses (README, ARCHITECTURE.md). */
export const EXIT = {
  /** No clause at or above --fail-on. */
  OK: 0,
  /** At least one clause at or above --fail-on. */
  FAILED: 1,
  /** Usage or configuration error. */
  USAGE: 2,
  /** An input could not be analysed (unreadable, not an APK, malformed beyond what Android accepts, internal error). */
  INPUT: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Codes that are the caller's to fix before any audit can help: exit 2. Every other code is 3. */
export const USAGE_CODES: ReadonlySet<string> = new Set(['E_USAGE', 'E_CONFIG', 'E_POLICY_UNREADABLE', 'E_POLICY_UNSUPPORTED', 'E_POLICY_INVALID', 'E_OUTPUT_UNWRITABLE', 'E_BATCH_UNAVAILABLE']);

export function exitForError(code: string): ExitCode {
  return USAGE_CODES.has(code) ? EXIT.USAGE : EXIT.INPUT;
}
