import { RES_STRING_POOL_TYPE, RES_TABLE_PACKAGE_TYPE, RES_TABLE_TYPE, type ResChunkHeader } from '../axml/chunk.js';
import type { StringPool } from '../axml/string-pool.js';
import { ByteCursor } from '../util/cursor.js';
import { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../util/limits.js';
import { loadPackage, readArscPool, type LoadedPackage } from './package.js';
import { ResourceTable } from './resource-table.js';
import { ArscContext, walkChunks } from './walk.js';

export interface ParseArscOptions {
  /** APK entry name, for errors and diagnostics (usually `resources.arsc`). */
  entry?: string;
  diagnostics?: DiagnosticSink;
  limits?: Limits;
}

const TABLE_HEADER_SIZE = 12;

/** ResTable_header (after its ResChunk_header). */
export interface TableHeader {
  /** 0x08 packageCount: packages declared; Android rejects a table with more package chunks */
  packageCount: number;
}

export function readTableHeader(ctx: ArscContext, h: ResChunkHeader): TableHeader {
  if (h.headerSize < TABLE_HEADER_SIZE) ctx.fail(`table header size ${h.headerSize} is below ${TABLE_HEADER_SIZE}`, h.start);
  return { packageCount: ctx.c.u32At(h.start + 8) };
}

/**
 * Parses resources.arsc the way androidfw's LoadedArsc::Load does: table chunks, the global
 * string pool (the first one; later ones are ignored), and each package. Type chunks are
 * indexed, not decoded: entries are read when looked up. Structure Android rejects throws
 * E_ARSC_BAD_CHUNK; what it tolerates is recorded as W_ARSC_ODD in `diagnostics`.
 */
export function parseArsc(buf: Uint8Array, opts: ParseArscOptions = {}): ResourceTable {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const diags = opts.diagnostics ?? new DiagnosticSink(limits.maxDiagnostics);
  const ctx = new ArscContext(new ByteCursor(buf, 'E_ARSC_BAD_CHUNK', opts.entry), opts.entry, limits, diags);
  if (buf.length < 8) ctx.fail(`resources.arsc of ${buf.length} bytes has no chunk`, 0);

  let globalStrings: StringPool | undefined;
  const packages: LoadedPackage[] = [];
  let tables = 0;

  walkChunks(ctx, 0, buf.length, 'the file', (h) => {
    if (h.type !== RES_TABLE_TYPE) {
      ctx.odd(`unknown top-level chunk type 0x${h.type.toString(16)} skipped`, h.start);
      return;
    }
    tables++;
    const header = readTableHeader(ctx, h);
    let seen = 0;
    walkChunks(ctx, h.start + h.headerSize, h.start + h.size, 'the table', (child) => {
      switch (child.type) {
        case RES_STRING_POOL_TYPE:
          if (globalStrings === undefined) globalStrings = readArscPool(ctx, child, 'global string pool');
          else ctx.odd('a second global string pool is ignored, as Android ignores it', child.start);
          break;
        case RES_TABLE_PACKAGE_TYPE:
          if (++seen > header.packageCount) ctx.fail(`more package chunks than the ${header.packageCount} the table header declares`, child.start);
          packages.push(loadPackage(ctx, child));
          break;
        default:
          ctx.odd(`unknown chunk type 0x${child.type.toString(16)} in the table skipped`, child.start);
      }
    });
  });
  if (tables === 0) {
    throw new PledgeError('E_ARSC_BAD_CHUNK', 'no readable resource table chunk', { entry: opts.entry, offset: 0 });
  }
  if (globalStrings === undefined && packages.length > 0) ctx.odd('the table has no global string pool; string values are unreadable', 0);
  return new ResourceTable(ctx, packages, globalStrings);
}
