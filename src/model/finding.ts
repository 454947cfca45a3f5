import type { Evidence } from './evidence.js';
import type { MessageData } from './text.js';
import type { ClauseId, FindingVerdict } from './verdict.js';

/** What a check reports: language-neutral; the report layer renders the message. */
export interface Finding {
  /** Check id, e.g. `c10/debuggable`. */
  check: string;
  clause: ClauseId;
  verdict: FindingVerdict;
  /** A key of the check's `messages`. */
  messageId: string;
  /** The template's values (see MessageData). */
  data: MessageData;
  evidence: Evidence[];
  /** Stable identity: check, primary location and the fact's own key; never the message text. */
  fingerprint: string;
  /** Set by config handling. */
  suppressed?: { reason: string };
  /** Set by baseline handling. */
  baselined?: boolean;
}

/** A limit of what could be analysed for a clause, stated instead of a silent pass. */
export interface CoverageNote {
  /** A key of the coverage-note catalogue (src/report/notes.ts), also the note's stable code. */
  code: string;
  data?: MessageData;
}

/** A limit of the analysis that applies to the whole app (packer, dynamic code, hybrid app…). */
export interface AppCoverageLimit extends CoverageNote {
  /** Clauses that cannot pass while this limit holds. */
  clauses: readonly number[];
}

/** Suppressed and baselined findings stay in the report but no longer decide any verdict. */
export function counts(f: Pick<Finding, 'suppressed' | 'baselined'>): boolean {
  return f.suppressed === undefined && f.baselined !== true;
}
