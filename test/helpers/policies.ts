import { join } from 'node:path';
import { readPolicyFile, type PolicyText } from '../../src/facts/policy.js';
import { REPO } from './corpus.js';

export const POLICY_FIXTURES = join(REPO, 'fixtures/policies');

/** A policy fixture of fixtures/policies, read as --policy reads it. */
export function policyFixture(name: string): PolicyText {
  return readPolicyFile(join(POLICY_FIXTURES, name), name);
}

/** The same text as if it were bundled in the APK (a copy that may be older than the published one). */
export function asBundled(p: PolicyText): PolicyText {
  return { ...p, origin: 'bundled' };
}
