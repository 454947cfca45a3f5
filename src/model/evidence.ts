import type { Location } from './location.js';
import type { Owner } from './owner.js';
import type { MessageRef } from './text.js';

export interface Evidence {
  location: Location;
  /**
   * What was seen there, verbatim: an attribute (`android:debuggable="true"`), an API, a quoted
   * string. Never translated; words about it go in `note`.
   */
  detail?: string;
  /** A remark on the evidence from the shared note catalogue (src/report/notes.ts), in words. */
  note?: MessageRef;
  owner?: Owner;
  /** For reachability findings: the complete call chain from the startup root to `location`. */
  path?: string[];
  /** How each hop of `path` was reached (`call`, `async:Executor`…), when not all are plain calls. */
  hops?: string[];
}
