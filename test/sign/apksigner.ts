import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSource } from '../../src/apk/source.js';
import { openZip } from '../../src/apk/zip.js';
import { formatSigningLines, readSigning, type SigningInfo, type SigningScheme } from '../../src/sign/index.js';
import { DiagnosticSink } from '../../src/util/diagnostics.js';
import { PledgeError } from '../../src/util/errors.js';

/**
 * apksigner (Debian's, `apksigner verify --print-certs -v`) as an oracle for the signing reader,
 * and the golden file its answers are frozen into for machines without the Android toolchain.
 */

export const GOLDEN_PATH = join(dirname(fileURLToPath(import.meta.url)), 'data', 'apksigner-golden.json');

/** What apksigner says about one APK. */
export interface ApksignerFacts {
  /** "Verifies" (exit 0). */
  verified: boolean;
  /** The --min-sdk-version the answer was obtained with, when the default run did not verify. */
  minSdkVersion?: number;
  /** Schemes reported "Verified using … : true", in v1, v2, v3, v3.1 order. */
  schemes: SigningScheme[];
  /** "Signer #N certificate SHA-256 digest", in order: the signers of the highest verified scheme. */
  signers: string[];
  /** First ERROR line, or the exception apksigner died of. */
  error?: string;
}

export interface Golden {
  /** `apksigner version` of the run that wrote the file. */
  apksigner: string;
  /** Whether that apksigner prints a v3.1 verification line. */
  knowsV31: boolean;
  regenerate: string;
  files: Record<string, ApksignerFacts>;
}

const SCHEME_LINES: ReadonlyArray<readonly [RegExp, SigningScheme]> = [
  [/^Verified using v1 scheme \(JAR signing\): true$/m, 'v1'],
  [/^Verified using v2 scheme \(APK Signature Scheme v2\): true$/m, 'v2'],
  [/^Verified using v3 scheme \(APK Signature Scheme v3\): true$/m, 'v3'],
  [/^Verified using v3\.1 scheme \(APK Signature Scheme v3\.1\): true$/m, 'v3.1'],
];

let cachedVersion: string | null | undefined;

/** apksigner's version, or null when it is not on PATH (or does not run). */
export function apksignerVersion(): string | null {
  if (cachedVersion !== undefined) return cachedVersion;
  try {
    cachedVersion = execFileSync('apksigner', ['version'], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    cachedVersion = null;
  }
  return cachedVersion;
}

export function parseApksignerOutput(out: string, exitedZero: boolean): ApksignerFacts {
  const verified = exitedZero && /^Verifies$/m.test(out);
  const schemes = SCHEME_LINES.filter(([re]) => re.test(out)).map(([, s]) => s);
  const signers = [...out.matchAll(/^Signer #\d+ certificate SHA-256 digest: ([0-9a-f]{64})$/gm)].map((m) => m[1] as string);
  const facts: ApksignerFacts = { verified, schemes: verified ? schemes : [], signers: verified ? signers : [] };
  if (!verified) {
    const error = /^ERROR: (.*)$/m.exec(out)?.[1] ?? /^Exception in thread "main" (.*)$/m.exec(out)?.[1] ?? 'no output';
    facts.error = error.length > 200 ? `${error.slice(0, 200)}…` : error;
  }
  return facts;
}

function runOnce(apk: string, extra: string[]): ApksignerFacts {
  const args = ['verify', '--print-certs', '-v', ...extra, apk];
  try {
    const out = execFileSync('apksigner', args, { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return parseApksignerOutput(out, true);
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return parseApksignerOutput(`${err.stdout ?? ''}\n${err.stderr ?? ''}`, false);
  }
}

/**
 * apksigner's verdict. When the default run fails, a second run with --min-sdk-version 24 tells
 * apart APKs whose v2+ signature is fine but whose manifest minSdk also demands a v1 signature
 * (apksig's goldens are mostly v2/v3-only APKs with minSdk 1).
 */
export function runApksigner(apk: string): ApksignerFacts {
  const first = runOnce(apk, []);
  if (first.verified) return first;
  const retry = runOnce(apk, ['--min-sdk-version', '24']);
  if (!retry.verified) return first;
  return { ...retry, minSdkVersion: 24 };
}

export function readGolden(): Golden {
  return JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as Golden;
}

export function writeGolden(g: Golden): void {
  const files: Record<string, ApksignerFacts> = {};
  for (const k of Object.keys(g.files).sort()) files[k] = g.files[k] as ApksignerFacts;
  writeFileSync(GOLDEN_PATH, `${JSON.stringify({ ...g, files }, null, 2)}\n`);
}

const ORDER: readonly SigningScheme[] = ['v1', 'v2', 'v3', 'v3.1'];

export interface Ours {
  info: SigningInfo;
  diags: DiagnosticSink;
}

export function readOurs(path: string): Ours | PledgeError {
  let source: FileSource | undefined;
  try {
    source = new FileSource(path);
    const diags = new DiagnosticSink();
    const zip = openZip(source, { diagnostics: diags });
    return { info: readSigning(zip), diags };
  } catch (e) {
    if (e instanceof PledgeError) return e;
    throw e;
  } finally {
    source?.close();
  }
}

function highest(schemes: readonly SigningScheme[]): SigningScheme | undefined {
  return [...schemes].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)).at(-1);
}

export function compare(info: SigningInfo, facts: ApksignerFacts): string[] {
  const out: string[] = [];
  const ours = info.schemes.join(',') || '-';
  const theirs = facts.schemes.join(',') || '-';
  if (ours !== theirs) out.push(`schemes: ours ${ours}, apksigner ${theirs}`);
  const top = highest(facts.schemes);
  if (top !== undefined) {
    const our = info.signers.filter((s) => s.scheme === top).map((s) => s.certificate.sha256).sort();
    const their = [...facts.signers].sort();
    if (our.join(',') !== their.join(',')) out.push(`${top} signers: ours ${our.join(',') || '-'}, apksigner ${their.join(',') || '-'}`);
  }
  const brokenButVerified = info.malformedSchemes.filter((s) => facts.schemes.includes(s));
  if (brokenButVerified.length > 0) out.push(`malformed: ours ${brokenButVerified.join(',')}, which apksigner verifies`);
  return out;
}

/** One line: schemes, malformed schemes, signer digests (12 hex digits) and the W_SIG_* count. */
export function summarize(o: Ours): string {
  const parts = [`schemes=${o.info.schemes.join(',') || '-'}`];
  if (o.info.malformedSchemes.length > 0) parts.push(`malformed=${o.info.malformedSchemes.join(',')}`);
  const lines = formatSigningLines(o.info).map((l) => l.replace(' ', ':').slice(0, l.indexOf(' ') + 13));
  parts.push(`signers=${lines.join(',') || '-'}`);
  const sig = o.diags.items.filter((d) => d.code === 'W_SIG_MALFORMED' || d.code === 'W_LIMIT_SIGNATURE').length;
  if (sig > 0) parts.push(`sig-diagnostics=${sig}`);
  return parts.join(' ');
}

