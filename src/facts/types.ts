import type { InputKind } from '../input/detect.js';

export type { Artifact, ArtifactState } from '../model/index.js';

export interface InputInfo {
  /** The path as given. */
  path: string;
  /** Base name, for reports. */
  name: string;
  kind: InputKind;
  size: number;
  sha256: string;
}
