/**
 * Who holds a piece of evidence: the app's own code, a catalogued SDK, a well-known open-source or
 * platform library (AndroidX, OkHttp…), or code that cannot be attributed (renamed code, or a
 * package outside the app that no catalogue names).
 */
export type Owner =
  | { kind: 'app' }
  | { kind: 'sdk'; id: string; name: string }
  | { kind: 'library'; name: string }
  | { kind: 'unknown'; package?: string };

/** `app`, `sdk:umeng-analytics`, `library:OkHttp`, `unknown`, `unknown:com.x.y`: the owner as a message value. */
export function ownerKey(o: Owner | undefined): string {
  if (o === undefined) return 'app';
  switch (o.kind) {
    case 'sdk':
      return `sdk:${o.id}`;
    case 'library':
      return `library:${o.name}`;
    case 'unknown':
      return o.package === undefined ? 'unknown' : `unknown:${o.package}`;
    case 'app':
      return 'app';
  }
}
