import { toolInfo } from '../index.js';
import { loadFacts } from '../facts/load.js';
import { groupSplitInputs } from '../input/parts.js';
import { buildPiLists } from '../report/lists-build.js';
import type { PiLists } from '../report/lists-model.js';
import { DiagnosticSink } from '../util/diagnostics.js';
import { PledgeError } from '../util/errors.js';
import { withLimits } from '../util/limits.js';

/**
 * `pledge-audit lists`: the two lists of one app. Several inputs are the split APKs of that app
 * (grouped as the audit groups them); two different apps are a usage error.
 */
export async function piLists(inputs: readonly string[]): Promise<PiLists> {
  const groups = groupSplitInputs(inputs, withLimits(undefined), new DiagnosticSink());
  if (groups.length !== 1) throw new PledgeError('E_USAGE', `the lists are drawn for one app; ${groups.length} apps were given`, { hint: 'give one APK, bundle or split set (or the split APKs of one app)' });
  const facts = await loadFacts(groups[0] as string | string[]);
  try {
    return buildPiLists(facts, toolInfo());
  } finally {
    facts.close();
  }
}
