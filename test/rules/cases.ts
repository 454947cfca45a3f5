import type { CheckCases } from '../helpers/rule-tester.js';
import { CODE_CASES, TLS_CASES } from './cases-code.js';
import { MANIFEST_CASES } from './cases-manifest.js';
import { STRING_CASES } from './cases-strings.js';
import { CONFIG_CASES } from './cases-config.js';
import { RIGHTS_CASES } from './cases-strings-rights.js';

/** Every check's fire and silent fixtures; the meta test requires both for every check. */
export const CASES: Record<string, CheckCases> = { ...MANIFEST_CASES, ...CODE_CASES, ...TLS_CASES, ...STRING_CASES, ...CONFIG_CASES, ...RIGHTS_CASES };
