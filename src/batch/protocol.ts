import type { PolicyText } from '../facts/policy.js';
import type { Lang } from '../model/index.js';
import type { AuditRecord } from '../report/model.js';
import type { BundleInfo } from './bundle.js';
import type { CandidateKind } from './discover.js';
import type { Limits } from '../util/limits.js';

/** The audit options every app of a scan shares (what `pledge-audit <apk>` takes as flags). */
export interface AuditSettings {
  lang: Lang;
  strict: boolean;
  categories: string[];
  /** Off only to measure what the startup call graph costs (PLEDGE_NO_REACHABILITY=1). */
  reachability: boolean;
  /** Overrides of src/util/limits.ts (--max-entry-size). */
  limits?: Partial<Limits>;
  /** A single audit's declared SDK list (from its config) and --debug. */
  declaredSdks?: { name: string; package: string }[];
  debug?: boolean;
  /** A single audit's --source-root, resolved (the worker walks it: a tree does not cross threads). */
  sourceRoot?: string;
  /** A single audit's --policy, read before the audit (plain data: it crosses the thread). */
  policy?: PolicyText;
}

/** One app for one worker thread. Plain data: it crosses postMessage and, as JSON, Redis. */
export interface AppJob {
  /** SHA-256 of the file: the app's identity (a single audit, which hashes nothing, uses the path). */
  key: string;
  /** The path for people (and for node:fs when `raw` is absent). */
  path: string;
  /** Base64 of the path's bytes when they are not UTF-8. */
  raw?: string;
  kind: CandidateKind;
  settings: AuditSettings;
  /** A single audit of split APKs given together: every path, base first (`path` is the base). */
  inputs?: string[];
}

/** Heap figures of one worker thread after an app (bytes); rss is the whole process's. */
export interface MemorySample {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  rss: number;
}

/** Worker thread → pool. */
export interface DoneMessage {
  type: 'done';
  id: number;
  record: AuditRecord;
  bundle?: BundleInfo;
  durationMs: number;
  memory: MemorySample;
}

/** Worker thread → pool, once its modules are loaded. */
export interface ReadyMessage {
  type: 'ready';
}

/** Pool → worker thread. */
export interface JobMessage {
  type: 'job';
  id: number;
  job: AppJob;
  /** Folder for extracted bundle bases and links to non-UTF-8 paths; owned by the coordinator. */
  tmpDir: string;
}

/** Failures that end an app without an audit record: the worker was stopped or lost. */
export type FailureCode = 'E_TIMEOUT' | 'E_MEMORY' | 'E_WORKER_CRASHED' | 'E_QUEUE_FAILED';

export type Outcome =
  | { kind: 'audited'; record: AuditRecord; bundle?: BundleInfo; durationMs: number; memory?: MemorySample; slot?: number }
  | { kind: 'failed'; code: FailureCode; message: string; durationMs: number; slot?: number };
