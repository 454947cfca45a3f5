import { escapeText } from './escape.js';
import { LIMITS } from './limits.js';
import type { DiagnosticCode } from './diagnostic-codes.js';

// The codes live in their own module so that the limits table can name them without a cycle.
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic-codes.js';

export interface Diagnostic {
  code: DiagnosticCode;
  message: string;
  /** APK entry the anomaly is in. */
  entry?: string;
  /** Byte offset inside the entry, where known. */
  offset?: number;
}

/** Collects diagnostics with a cap, so that a hostile file cannot grow the report without bound. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  private dropped = 0;

  constructor(private readonly max: number = LIMITS.maxDiagnostics.value) {}

  add(code: DiagnosticCode, message: string, entry?: string, offset?: number): void {
    if (this.items.length >= this.max) {
      this.dropped++;
      return;
    }
    const d: Diagnostic = { code, message: escapeText(message) };
    if (entry !== undefined) d.entry = escapeText(entry, 300);
    if (offset !== undefined) d.offset = offset;
    this.items.push(d);
  }

  /** Diagnostics plus one summary line when some were dropped. */
  list(): Diagnostic[] {
    if (this.dropped === 0) return this.items;
    return [...this.items, { code: 'W_LIMIT_DIAGNOSTICS', message: `${this.dropped} further diagnostics omitted (maxDiagnostics ${this.max})` }];
  }
}
