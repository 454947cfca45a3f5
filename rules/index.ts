import type { ClauseDefinition } from '../src/engine/check.js';
import c01 from './c01/index.js';
import c02 from './c02/index.js';
import c03 from './c03/index.js';
import c04 from './c04/index.js';
import c05 from './c05/index.js';
import c06 from './c06/index.js';
import c07 from './c07/index.js';
import c08 from './c08/index.js';
import c09 from './c09/index.js';
import c10 from './c10/index.js';

/** The ten clauses in pledge order: an explicit list, never a directory glob. */
export const CLAUSES: readonly ClauseDefinition[] = [c01, c02, c03, c04, c05, c06, c07, c08, c09, c10];
