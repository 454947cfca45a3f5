/**
 * Who holds a piece of evidence: the app's own code, a catalogued SDK, a well-known open-source or
 * platform library (AndroidX, OkHttp…), an SDK of a known vendor that the catalogue does not list
 * (code under `com.baidu` outside every listed Baidu SDK), or unidentified third-party code (a
 * package outside the app that nothing names, or renamed code).
 */
export type Owner =
  | { kind: 'app' }
  | { kind: 'sdk'; id: string; name: string }
  | { kind: 'library'; name: string }
  | { kind: 'vendor'; id: string; name: string; package: string }
  | { kind: 'unknown'; package?: string };

/** `app`, `sdk:umeng-analytics`, `library:OkHttp`, `vendor:baidu:com.baidu.x`, `unknown`, `unknown:com.x.y`: the owner as a message value. */
export function ownerKey(o: Owner | undefined): string {
  if (o === undefined) return 'app';
  switch (o.kind) {
    case 'sdk':
      return `sdk:${o.id}`;
    case 'library':
      return `library:${o.name}`;
    case 'vendor':
      return `vendor:${o.id}:${o.package}`;
    case 'unknown':
      return o.package === undefined ? 'unknown' : `unknown:${o.package}`;
    case 'app':
      return 'app';
  }
}
