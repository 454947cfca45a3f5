import { readChunkHeader, type ResChunkHeader } from '../axml/chunk.js';
import type { ByteCursor } from '../util/cursor.js';
import type { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import type { Limits } from '../util/limits.js';

/** W_ARSC_ODD diagnostics kept per table; a hostile table can otherwise fill the report. */
const MAX_ODD = 50;

/** What every reader of one resources.arsc shares: the cursor, limits and the capped diagnostics. */
export class ArscContext {
  private oddCount = 0;

  constructor(
    readonly c: ByteCursor,
    readonly entry: string | undefined,
    readonly limits: Limits,
    readonly diags: DiagnosticSink,
  ) {}

  /** Records a tolerated anomaly (W_ARSC_ODD), at most MAX_ODD per table. */
  odd(message: string, offset?: number): void {
    this.oddCount++;
    if (this.oddCount <= MAX_ODD) this.diags.add('W_ARSC_ODD', message, this.entry, offset);
    else if (this.oddCount === MAX_ODD + 1) this.diags.add('W_ARSC_ODD', 'further resources.arsc anomalies omitted', this.entry, offset);
  }

  /** Structure Android refuses to load: the whole table is unreadable. */
  fail(message: string, offset: number): never {
    throw new PledgeError('E_ARSC_BAD_CHUNK', message, { entry: this.entry, offset });
  }
}

/**
 * androidfw's ChunkIterator over [start, end): calls `visit` for each child chunk, then moves
 * to start+size whatever the visitor read. Android's two kinds of failure are kept apart: too
 * few bytes for a header, or a size running past the parent, end the walk (a non-fatal error:
 * what was read so far stays, recorded as W_ARSC_ODD); a header size below 8 or above the
 * chunk size, or sizes that are not 4-aligned, make Android reject the table (E_ARSC_BAD_CHUNK).
 */
export function walkChunks(ctx: ArscContext, start: number, end: number, what: string, visit: (h: ResChunkHeader) => void): void {
  let p = start;
  while (p < end) {
    if (end - p < 8) {
      ctx.odd(`${end - p} bytes after the last chunk of ${what} ignored`, p);
      return;
    }
    const h = readChunkHeader(ctx.c, p);
    if (h.size > end - p) {
      ctx.odd(`chunk type 0x${h.type.toString(16)} in ${what} declares ${h.size} bytes, ${end - p} remain; the rest of ${what} is ignored, as Android ignores it`, p);
      return;
    }
    if (h.headerSize < 8) ctx.fail(`chunk type 0x${h.type.toString(16)} in ${what}: header size ${h.headerSize} is below 8`, p);
    if (h.headerSize > h.size) ctx.fail(`chunk type 0x${h.type.toString(16)} in ${what}: header size ${h.headerSize} exceeds chunk size ${h.size}`, p);
    if (((h.size | h.headerSize | p) & 3) !== 0) {
      ctx.fail(`chunk type 0x${h.type.toString(16)} in ${what}: size 0x${h.size.toString(16)}, header size 0x${h.headerSize.toString(16)} or offset is not 4-aligned`, p);
    }
    visit(h);
    p += h.size;
  }
}

/** A fixed-size UTF-16 name field (package names: 128 units), up to the first NUL. */
export function readUtf16Fixed(c: ByteCursor, at: number, units: number): string {
  let s = '';
  for (let i = 0; i < units; i++) {
    const u = c.u16At(at + i * 2);
    if (u === 0) break;
    s += String.fromCharCode(u);
  }
  return s;
}
