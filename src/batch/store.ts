import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type DatabaseCtor from 'better-sqlite3';
import type { AuditRecord } from '../report/model.js';
import { PledgeError } from '../util/errors.js';
import { loadOptional } from './optional.js';
import type { InputPath } from './paths.js';
import type { BatchRecord, Versions } from './record.js';

export type Db = DatabaseCtor.Database;

/** Bumped when a table or column changes meaning; a store of a newer schema is refused. */
export const STORE_SCHEMA_VERSION = 1;

/**
 * One row per app in `apps` (the identity is the SHA-256; files that could not be read have none
 * and are keyed by path), every path an app was seen at in `paths`, and the report's lists in
 * normalised tables for store-wide queries. `apps.record` keeps the whole single-app report
 * (deflated JSON), so that nothing the report says is lost to the normalisation.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS apps (
  id INTEGER PRIMARY KEY,
  sha256 TEXT,
  path TEXT NOT NULL,
  path_bytes BLOB NOT NULL,
  size INTEGER,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  package TEXT,
  version_code TEXT,
  version_name TEXT,
  label TEXT,
  min_sdk INTEGER,
  target_sdk INTEGER,
  verdict TEXT,
  c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT, c9 TEXT, c10 TEXT,
  clause_errors INTEGER NOT NULL DEFAULT 0,
  coverage_complete INTEGER,
  coverage_notes TEXT,
  dex_failed INTEGER,
  error_code TEXT,
  error_message TEXT,
  duration_ms INTEGER NOT NULL,
  tool_version TEXT NOT NULL,
  catalogue_version TEXT NOT NULL,
  bundle_base TEXT,
  bundle_splits TEXT,
  audited_at TEXT NOT NULL,
  record BLOB
);
CREATE UNIQUE INDEX IF NOT EXISTS apps_sha256 ON apps(sha256) WHERE sha256 IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS apps_unread_path ON apps(path_bytes) WHERE sha256 IS NULL;
CREATE INDEX IF NOT EXISTS apps_package ON apps(package);
CREATE TABLE IF NOT EXISTS paths (
  sha256 TEXT NOT NULL,
  path TEXT NOT NULL,
  path_bytes BLOB NOT NULL,
  PRIMARY KEY (sha256, path_bytes)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS findings (
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  clause INTEGER NOT NULL,
  check_id TEXT NOT NULL,
  verdict TEXT NOT NULL,
  message_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  sdk_id TEXT,
  suppressed INTEGER NOT NULL,
  evidence INTEGER NOT NULL,
  message_en TEXT NOT NULL,
  message_zh TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_app ON findings(app_id);
CREATE INDEX IF NOT EXISTS findings_check ON findings(check_id);
CREATE TABLE IF NOT EXISTS sdks (
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  sdk_id TEXT NOT NULL,
  name_en TEXT NOT NULL,
  name_zh TEXT,
  vendor_en TEXT NOT NULL,
  category TEXT NOT NULL,
  level TEXT NOT NULL,
  obfuscated INTEGER NOT NULL,
  classes INTEGER NOT NULL,
  found_by TEXT NOT NULL,
  pi_kinds TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sdks_app ON sdks(app_id);
CREATE INDEX IF NOT EXISTS sdks_sdk ON sdks(sdk_id);
CREATE TABLE IF NOT EXISTS pi_uses (
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  label_en TEXT NOT NULL,
  label_zh TEXT NOT NULL,
  owner_kind TEXT NOT NULL,
  owner_id TEXT,
  owner_name TEXT,
  sites INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS pi_uses_app ON pi_uses(app_id);
CREATE INDEX IF NOT EXISTS pi_uses_owner ON pi_uses(owner_kind, owner_id);
CREATE TABLE IF NOT EXISTS coverage (
  app_id INTEGER NOT NULL REFERENCES apps(id) ON DELETE CASCADE,
  clause INTEGER NOT NULL,
  code TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS coverage_app ON coverage(app_id);
`;

const APP_COLUMNS = [
  'sha256', 'path', 'path_bytes', 'size', 'kind', 'status', 'package', 'version_code', 'version_name', 'label', 'min_sdk', 'target_sdk', 'verdict',
  'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'clause_errors', 'coverage_complete', 'coverage_notes', 'dex_failed', 'error_code',
  'error_message', 'duration_ms', 'tool_version', 'catalogue_version', 'bundle_base', 'bundle_splits', 'audited_at', 'record',
] as const;

/** An app already in the store under the current versions: enough to skip it and still count it. */
export interface StoredApp {
  status: 'ok' | 'error';
  verdict: string | null;
  clauseErrors: number;
  errorCode: string | null;
}

async function loadDriver(): Promise<typeof DatabaseCtor> {
  // Loaded on first use: the single-app CLI never pays for the native module.
  return loadOptional(
    'better-sqlite3',
    async () => (await import('better-sqlite3')).default,
    (Database) => new Database(':memory:').close(),
  );
}

function invalid(file: string, e: unknown): PledgeError {
  return new PledgeError('E_STORE_INVALID', `${file}: ${e instanceof Error ? e.message : String(e)}`, { hint: 'give a store written by `pledge-audit scan`, or a new file name' });
}

function checkSchema(db: Db, file: string, mayCreate: boolean): void {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (tables.length === 0 && mayCreate) return;
  if (!tables.includes('meta') || !tables.includes('apps')) throw invalid(file, 'not a pledge-audit store (no meta/apps tables)');
  const v = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
  if (v === undefined || Number(v) > STORE_SCHEMA_VERSION) throw invalid(file, `store schema ${v ?? 'unknown'} is newer than this pledge-audit understands (${STORE_SCHEMA_VERSION})`);
}

/** Opens a store for reading only (the report). */
export async function openStoreReadOnly(file: string): Promise<Db> {
  const Database = await loadDriver();
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    checkSchema(db, file, false);
    return db;
  } catch (e) {
    db?.close();
    throw e instanceof PledgeError ? e : invalid(file, e);
  }
}

/**
 * The results store, written by the coordinator only (SQLite allows one writer). Every app is one
 * transaction: a scan killed at any instant leaves each app either fully stored or absent, and
 * the unique indexes make a second write of the same app replace, never duplicate, it.
 */
export class Store {
  private readonly insertApp;
  private readonly deleteBySha;
  private readonly deleteUnread;
  private readonly insertPath;
  private readonly insertFinding;
  private readonly insertSdk;
  private readonly insertPi;
  private readonly insertCoverage;
  private readonly writeTx;

  private constructor(readonly db: Db) {
    this.insertApp = db.prepare(`INSERT INTO apps (${APP_COLUMNS.join(', ')}) VALUES (${APP_COLUMNS.map((c) => `@${c}`).join(', ')})`);
    this.deleteBySha = db.prepare('DELETE FROM apps WHERE sha256 = ?');
    this.deleteUnread = db.prepare('DELETE FROM apps WHERE sha256 IS NULL AND path_bytes = ?');
    this.insertPath = db.prepare('INSERT OR IGNORE INTO paths (sha256, path, path_bytes) VALUES (?, ?, ?)');
    this.insertFinding = db.prepare('INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertSdk = db.prepare('INSERT INTO sdks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertPi = db.prepare('INSERT INTO pi_uses VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.insertCoverage = db.prepare('INSERT INTO coverage VALUES (?, ?, ?)');
    this.writeTx = db.transaction((r: BatchRecord, pathBytes: Buffer) => this.writeRows(r, pathBytes));
  }

  static async open(file: string): Promise<Store> {
    const Database = await loadDriver();
    let db: Db | undefined;
    try {
      db = new Database(file);
      db.pragma('busy_timeout = 5000');
      checkSchema(db, file, true);
      // WAL: readers (a report while a scan runs) never block the writer, and a commit is one
      // append to the log. synchronous=NORMAL keeps every commit across a killed process; only
      // a power cut can lose the last few.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.exec(SCHEMA);
      db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(STORE_SCHEMA_VERSION));
      return new Store(db);
    } catch (e) {
      db?.close();
      throw e instanceof PledgeError ? e : invalid(file, e);
    }
  }

  /** Apps stored under these versions (errors too, unless they are to be retried). */
  stored(versions: Versions, retryErrors: boolean): Map<string, StoredApp> {
    const rows = this.db
      .prepare(`SELECT sha256, status, verdict, clause_errors, error_code FROM apps WHERE sha256 IS NOT NULL AND tool_version = ? AND catalogue_version = ?${retryErrors ? " AND status = 'ok'" : ''}`)
      .all(versions.tool, versions.catalogue) as { sha256: string; status: 'ok' | 'error'; verdict: string | null; clause_errors: number; error_code: string | null }[];
    return new Map(rows.map((r) => [r.sha256, { status: r.status, verdict: r.verdict, clauseErrors: r.clause_errors, errorCode: r.error_code }]));
  }

  /** Records that the app with this hash lives (also) at this path. */
  addPath(sha256: string, path: InputPath): void {
    this.insertPath.run(sha256, path.display, path.raw);
  }

  write(r: BatchRecord): void {
    const pathBytes = r.pathBytes === undefined ? Buffer.from(r.path, 'utf8') : Buffer.from(r.pathBytes, 'base64');
    this.writeTx.immediate(r, pathBytes);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private writeRows(r: BatchRecord, pathBytes: Buffer): void {
    if (r.sha256 !== null) this.deleteBySha.run(r.sha256);
    // A file that could not be read last time and can now is one app, not two.
    this.deleteUnread.run(pathBytes);
    const row: Record<(typeof APP_COLUMNS)[number], unknown> = {
      sha256: r.sha256,
      path: r.path,
      path_bytes: pathBytes,
      size: r.size,
      kind: r.kind,
      status: r.status,
      package: r.package,
      version_code: r.versionCode,
      version_name: r.versionName,
      label: r.label,
      min_sdk: r.minSdk,
      target_sdk: r.targetSdk,
      verdict: r.verdict,
      c1: r.clauses[0] ?? null,
      c2: r.clauses[1] ?? null,
      c3: r.clauses[2] ?? null,
      c4: r.clauses[3] ?? null,
      c5: r.clauses[4] ?? null,
      c6: r.clauses[5] ?? null,
      c7: r.clauses[6] ?? null,
      c8: r.clauses[7] ?? null,
      c9: r.clauses[8] ?? null,
      c10: r.clauses[9] ?? null,
      clause_errors: r.clauseErrors,
      coverage_complete: r.coverage === null ? null : r.coverage.complete ? 1 : 0,
      coverage_notes: r.coverage === null ? null : JSON.stringify(r.coverage.notes),
      dex_failed: r.coverage?.dexFailed ?? null,
      error_code: r.error?.code ?? null,
      error_message: r.error?.message ?? null,
      duration_ms: r.durationMs,
      tool_version: r.toolVersion,
      catalogue_version: r.catalogueVersion,
      bundle_base: r.bundle?.base ?? null,
      bundle_splits: r.bundle === null ? null : JSON.stringify(r.bundle.splits),
      audited_at: r.auditedAt,
      record: r.record === null ? null : deflateRawSync(JSON.stringify(r.record)),
    };
    const id = Number(this.insertApp.run(row).lastInsertRowid);
    if (r.sha256 !== null) this.insertPath.run(r.sha256, r.path, pathBytes);
    const rec = r.record;
    if (rec === null || rec.status !== 'ok') return;
    for (const c of rec.clauses) {
      for (const f of c.findings) {
        const sdk = f.evidence.find((e) => e.owner?.kind === 'sdk')?.owner;
        this.insertFinding.run(id, f.clause, f.check, f.verdict, f.messageId, f.fingerprint, sdk?.kind === 'sdk' ? sdk.id : null, f.suppressed === undefined ? 0 : 1, f.evidence.length, f.message.en, f.message.zh);
      }
      for (const n of c.coverage) this.insertCoverage.run(id, c.clause, n.code);
    }
    for (const n of rec.coverage.notes) this.insertCoverage.run(id, 0, n.code);
    for (const s of rec.sdks) {
      this.insertSdk.run(id, s.id, s.name.en, s.name.zh ?? null, s.vendor.en, s.category, s.level, s.obfuscated ? 1 : 0, s.classes, JSON.stringify(s.foundBy), JSON.stringify(s.piKinds));
    }
    for (const p of rec.personalInformation) {
      const o = p.owner;
      this.insertPi.run(id, p.kind, p.label.en, p.label.zh, o.kind, o.kind === 'sdk' ? o.id : null, o.kind === 'sdk' || o.kind === 'library' ? o.name : null, p.sites);
    }
  }
}

/** The single-app report kept with an app, or null. */
export function readRecord(blob: Buffer | null): AuditRecord | null {
  return blob === null ? null : (JSON.parse(inflateRawSync(blob).toString('utf8')) as AuditRecord);
}

const CHILD_TABLES = ['findings', 'sdks', 'pi_uses', 'coverage'] as const;

/**
 * Several stores (the shards of `scan --shard i/n`) as one in-memory store for the report. An
 * app in more than one store counts once: the row of the first store that has it wins.
 */
export async function mergeStores(files: readonly string[]): Promise<Db> {
  const Database = await loadDriver();
  const db = new Database(':memory:');
  db.exec(SCHEMA);
  const childColumns = new Map(CHILD_TABLES.map((t) => [t, (db.prepare(`SELECT name FROM pragma_table_info('${t}')`).pluck().all() as string[]).filter((c) => c !== 'app_id')]));
  for (const file of files) {
    // Validate first, with the same message as a single store.
    (await openStoreReadOnly(file)).close();
    db.prepare('ATTACH DATABASE ? AS src').run(file);
    try {
      const hasSha = db.prepare('SELECT 1 FROM main.apps WHERE sha256 = ?').pluck();
      const hasUnread = db.prepare('SELECT 1 FROM main.apps WHERE sha256 IS NULL AND path_bytes = ?').pluck();
      const insert = db.prepare(`INSERT INTO main.apps (${APP_COLUMNS.join(', ')}) SELECT ${APP_COLUMNS.join(', ')} FROM src.apps WHERE id = ?`);
      const copies = CHILD_TABLES.map((t) => {
        const cols = (childColumns.get(t) ?? []).join(', ');
        return db.prepare(`INSERT INTO main.${t} (app_id, ${cols}) SELECT ?, ${cols} FROM src.${t} WHERE app_id = ?`);
      });
      db.transaction(() => {
        db.exec('INSERT OR IGNORE INTO main.paths SELECT * FROM src.paths');
        for (const a of db.prepare('SELECT id, sha256, path_bytes FROM src.apps ORDER BY id').all() as { id: number; sha256: string | null; path_bytes: Buffer }[]) {
          if ((a.sha256 === null ? hasUnread.get(a.path_bytes) : hasSha.get(a.sha256)) !== undefined) continue;
          const id = insert.run(a.id).lastInsertRowid;
          for (const c of copies) c.run(id, a.id);
        }
      })();
    } finally {
      db.prepare('DETACH DATABASE src').run();
    }
  }
  return db;
}
