/** Kinds of evidence an app can offer; a check names the ones it needs. */
export type Artifact = 'manifest' | 'resources' | 'dex' | 'signing' | 'native' | 'assets';

export const ARTIFACTS: readonly Artifact[] = ['manifest', 'resources', 'dex', 'signing', 'native', 'assets'];

/**
 * Whether an artifact could be analysed for this app:
 * - analysed: decoded, evidence available;
 * - absent: the app has none (an APK without resources.arsc), which is itself a fact;
 * - failed: present but undecodable (checks that need it cannot conclude);
 * - unavailable: the input kind cannot carry it (a plain-text manifest has no DEX);
 * - not-analysed: present, but this version does not decode it (yet).
 */
export type ArtifactState = 'analysed' | 'absent' | 'failed' | 'unavailable' | 'not-analysed';
