import { CORPUS, hasCorpus } from '../helpers/corpus.js';

/**
 * Vitest global setup: when the read-only corpus (../shared beside the checkout, or PLEDGE_SHARED)
 * is absent, the corpus suites skip; say so once, in one line, instead of once per suite.
 */
export default function setup(): void {
  if (!hasCorpus()) console.log(`pledge-audit tests: corpus tests skipped: ${CORPUS} not found (set PLEDGE_SHARED=DIR to the shared folder to run them)`);
}
