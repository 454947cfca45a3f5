import { isJanusExposed } from '../sign/index.js';
import type { AppFacts } from './app-facts.js';

/**
 * Facts about how the APK is signed that clause 10 judges (the certificates themselves are in
 * `facts.signing`).
 */

/** An APK open to Janus (CVE-2017-13156): v1-signed only, installable on Android 5.0–8.0. */
export interface JanusExposure {
  /** Where the v1 signature is: its signature block, or the first META-INF entry of the scheme. */
  entry: string;
  /** The signature schemes present. */
  schemes: readonly string[];
  minSdk: number;
}

/** The Janus exposure of the APK, or undefined when it has a v2/v3 signature or minSdk ≥ 24. */
export function janusExposure(facts: AppFacts): JanusExposure | undefined {
  const info = facts.signing;
  const minSdk = facts.manifest.effectiveMinSdk;
  if (info === undefined || !isJanusExposed(info, minSdk)) return undefined;
  const entry = info.signers.find((x) => x.scheme === 'v1')?.entry ?? info.v1Entries[0] ?? 'META-INF/';
  return { entry, schemes: info.schemes, minSdk };
}
