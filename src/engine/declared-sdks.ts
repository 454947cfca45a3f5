/**
 * The app's own SDK list (the 第三方SDK目录 of its privacy policy) against the SDKs the audit
 * detects. Shared by the clause-9 check (which runs with facts when the list is handed in through
 * RuleOptions) and by src/config (which diffs a finished report), so that both say the same thing
 * about the same SDK.
 */
export interface DeclaredSdk {
  name: string;
  /** Dotted package prefix, e.g. `com.umeng`. */
  package: string;
}

export const UNDECLARED_SDK_CHECK = 'c09/undeclared-sdk';

function inside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`);
}

/**
 * A declared package names an SDK when one contains the other at a name boundary: a policy that
 * lists `com.umeng` covers Umeng's analytics and push packages, and one that lists
 * `com.amap.api.location` covers the AMap SDK the catalogue keys on `com.amap.api`.
 */
export function declaredCovers(declaredPackage: string, sdkPackages: readonly string[]): boolean {
  return sdkPackages.some((p) => inside(p, declaredPackage) || inside(declaredPackage, p));
}

export function isDeclared(sdkPackages: readonly string[], declared: readonly DeclaredSdk[]): boolean {
  return declared.some((d) => declaredCovers(d.package, sdkPackages));
}

/** The packages of an SDK as the messages show them: a few, not the catalogue's whole list. */
export function packageList(sdkPackages: readonly string[]): string {
  const shown = sdkPackages.slice(0, 3).join(', ');
  return sdkPackages.length > 3 ? `${shown} …` : shown;
}
