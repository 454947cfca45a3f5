import { locationIdentity } from '../engine/fingerprint.js';
import type { ReportFinding as Finding } from '../report/model.js';
import type { AuditReport, SuppressionStatus } from '../report/model.js';
import { isIsoDate, type PledgeConfig, type Suppression } from './config.js';
import { recomputeVerdicts } from './verdicts.js';
import type { ClauseDefinition } from '../engine/check.js';
import { InternalError } from '../util/errors.js';

/** The identity a suppression's location pattern is matched against: that of the primary evidence. */
export function primaryIdentity(f: Finding): string {
  return locationIdentity(f.evidence[0]?.location ?? { kind: 'app' });
}

function globToRegExp(glob: string): RegExp {
  const body = [...glob].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${body}$`, 's');
}

/**
 * `*` and `?` make the pattern a glob over the whole identity, or over the identity without its
 * `kind:` prefix (so `Lcom/umeng/*` works as well as `dex:Lcom/umeng/*`); `*` crosses `/`,
 * because class descriptors and manifest paths are full of slashes. Without wildcards the pattern
 * is a substring, which is what people write when they paste a class name.
 */
export function locationMatches(pattern: string, identity: string): boolean {
  if (!/[*?]/.test(pattern)) return identity.includes(pattern);
  const re = globToRegExp(pattern);
  return re.test(identity) || re.test(identity.replace(/^[a-z]+:/, ''));
}

export function suppressionMatches(s: Suppression, f: Finding): boolean {
  return s.check === f.check && (s.location === undefined || locationMatches(s.location, primaryIdentity(f)));
}

/** Expiry is inclusive: a suppression that expires on 2026-06-30 still works that day. */
export function isExpired(s: Suppression, today: string): boolean {
  return s.expires !== undefined && today > s.expires;
}

/**
 * Marks the findings the config's suppressions cover (Finding.suppressed, with the reason), keeps
 * them in the report, and recomputes verdicts without them. An expired suppression marks nothing;
 * the report lists it with the findings it would have hidden, so that the lapse is visible.
 * Idempotent: earlier suppression marks are recomputed from the config.
 */
export function applySuppressions(report: AuditReport, config: PledgeConfig, today: string, defs: readonly ClauseDefinition[]): AuditReport {
  if (!isIsoDate(today)) throw new InternalError(`applySuppressions: today must be YYYY-MM-DD, got ${today}`);
  const list = config.suppressions;
  const matched = list.map(() => 0);
  const clauses = report.clauses.map((c) => ({
    ...c,
    findings: c.findings.map((f) => {
      const { suppressed: _old, ...rest } = f;
      let hit: Suppression | undefined;
      list.forEach((s, i) => {
        if (!suppressionMatches(s, f)) return;
        matched[i] = (matched[i] ?? 0) + 1;
        if (hit === undefined && !isExpired(s, today)) hit = s;
      });
      return hit === undefined ? rest : { ...rest, suppressed: { reason: hit.reason } };
    }),
  }));
  const suppressions: SuppressionStatus[] = list.map((s, i) => ({ ...s, state: isExpired(s, today) ? 'expired' : 'active', matched: matched[i] ?? 0 }));
  return recomputeVerdicts({ ...report, clauses, suppressions }, defs);
}

/** Today's date where the user is, as suppression expiry dates are written. */
export function localDate(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
