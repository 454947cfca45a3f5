import type { CheckCases } from '../helpers/rule-tester.js';
import { CASES as C01 } from './cases/c01.js';
import { CASES as C02 } from './cases/c02.js';
import { CASES as C04 } from './cases/c04.js';
import { CASES as C05 } from './cases/c05.js';
import { CASES as C06 } from './cases/c06.js';
import { CASES as C07 } from './cases/c07.js';
import { CASES as C08 } from './cases/c08.js';
import { CASES as C09 } from './cases/c09.js';
import { CASES as C10 } from './cases/c10.js';

/**
 * TEMPORARY (issue 11): fire and silent fixtures of the checks whose clause is not split into one
 * file per check yet; a split clause's cases live in test/rules/<clause>/<check>.test.ts.
 */
export const CASES: Record<string, CheckCases> = { ...C01, ...C02, ...C04, ...C05, ...C06, ...C07, ...C08, ...C09, ...C10 };
