import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/data-path.js';

interface PackageJson {
  version?: string;
  repository?: string | { url?: string };
}

/**
 * Where `docs/rules/<id>.md` of this version can be opened in a browser, from package.json's
 * `repository` (GitHub or GitLab, pinned to the release tag v<version> so that the page matches
 * the checks that ran). undefined when package.json names no such repository: SARIF then carries
 * the relative docs path in its help text instead of a helpUri, which must be absolute.
 */
export function docsBaseUrlFrom(pkg: PackageJson): string | undefined {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (raw === undefined || pkg.version === undefined) return undefined;
  let url = raw.trim();
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(url);
  if (shorthand !== null) url = `https://github.com/${shorthand[1]}/${shorthand[2]}`;
  url = url.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/^ssh:\/\/git@/, 'https://').replace(/\.git$/, '').replace(/\/+$/, '');
  const m = /^https:\/\/(github\.com|gitlab\.com)\/(.+)$/.exec(url);
  if (m === null) return undefined;
  return m[1] === 'github.com' ? `${url}/blob/v${pkg.version}` : `${url}/-/blob/v${pkg.version}`;
}

let cached: { value: string | undefined } | undefined;

export function defaultDocsBaseUrl(): string | undefined {
  cached ??= { value: docsBaseUrlFrom(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as PackageJson) };
  return cached.value;
}
