import type { ClauseDefinition } from '../src/engine/check.js';
import { toClause } from '../src/engine/legacy.js';
import c01 from './c01-lawful.js';
import c02 from './c02-minimum-necessary.js';
import c03 from './c03/index.js';
import c04 from './c04-sensitive-marketing.js';
import c05 from './c05-no-monitoring.js';
import c06 from './c06-user-rights.js';
import c07 from './c07-account-deletion.js';
import c08 from './c08-complaint-channel.js';
import c09 from './c09-third-party-sdks.js';
import c10 from './c10-security.js';

/** The ten clauses in pledge order: an explicit list, never a directory glob. */
export const CLAUSES: readonly ClauseDefinition[] = [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10].map(toClause);
