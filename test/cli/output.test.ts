import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/cli/io.js';
import { isPledgeError } from '../../src/util/errors.js';
import { BIN, exec } from '../helpers/exec.js';
import { fixtureApk } from '../helpers/fixtures.js';

/**
 * -o and --write-baseline write where the user points: missing folders are created, links are
 * written through, and a file that is not regular (a FIFO here; /dev/null in real life) is written
 * in place and never replaced. No test touches a real device node: a FIFO in a temporary folder
 * stands for every non-regular file, since the code path is the same.
 */
const work = mkdtempSync(join(tmpdir(), 'pledge-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function dir(): string {
  const d = join(work, `case-${++n}`);
  mkdirSync(d);
  return d;
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** Reads a FIFO to its end in another process (a writer's open blocks until a reader is there). */
function drain(fifo: string): Promise<string> {
  const cat = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  cat.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  return new Promise((resolve, reject) => {
    cat.on('error', reject);
    cat.on('close', () => resolve(out));
  });
}

function inode(path: string): number {
  return lstatSync(path).ino;
}

describe('writeOutput', () => {
  it('creates missing parent folders', () => {
    const target = join(dir(), 'a', 'b', 'report.json');
    writeOutput(target, '{}\n');
    expect(readFileSync(target, 'utf8')).toBe('{}\n');
  });

  it('replaces a regular file by rename in its own folder, keeping its mode and leaving no temp file', () => {
    const d = dir();
    const target = join(d, 'report.txt');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    const before = inode(target);
    writeOutput(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(inode(target)).not.toBe(before);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(execFileSync('ls', ['-A', d], { encoding: 'utf8' }).trim()).toBe('report.txt');
  });

  it('writes through a symbolic link to its target and keeps the link', () => {
    const d = dir();
    mkdirSync(join(d, 'real'));
    writeFileSync(join(d, 'real', 'out.sarif'), 'old');
    symlinkSync('real/out.sarif', join(d, 'link.sarif'));
    writeOutput(join(d, 'link.sarif'), 'new');
    expect(lstatSync(join(d, 'link.sarif')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'link.sarif'))).toBe('real/out.sarif');
    expect(readFileSync(join(d, 'real', 'out.sarif'), 'utf8')).toBe('new');
  });

  it('writes through a dangling link, creating the file it names (and its folder)', () => {
    const d = dir();
    symlinkSync('later/out.json', join(d, 'link.json'));
    writeOutput(join(d, 'link.json'), 'x');
    expect(lstatSync(join(d, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(d, 'later', 'out.json'), 'utf8')).toBe('x');
  });

  it('writes into a FIFO in place and never replaces it', async () => {
    const fifo = join(dir(), 'pipe');
    mkfifo(fifo);
    const before = inode(fifo);
    const read = drain(fifo);
    writeOutput(fifo, 'through the pipe\n');
    expect(await read).toBe('through the pipe\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(inode(fifo)).toBe(before);
  });

  it('writes into a FIFO reached through a symbolic link, keeping both', async () => {
    const d = dir();
    mkfifo(join(d, 'pipe'));
    symlinkSync('pipe', join(d, 'link'));
    const read = drain(join(d, 'pipe'));
    writeOutput(join(d, 'link'), 'linked\n');
    expect(await read).toBe('linked\n');
    expect(lstatSync(join(d, 'pipe')).isFIFO()).toBe(true);
    expect(lstatSync(join(d, 'link')).isSymbolicLink()).toBe(true);
  });

  // A device node of our own in the temporary folder (root only): /dev/null itself is never a test target.
  it.runIf(process.getuid?.() === 0)('writes into a character device in place (a private copy of /dev/null, made with mknod)', () => {
    const dev = join(dir(), 'null');
    try {
      execFileSync('mknod', [dev, 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      return; // no mknod in this container: the FIFO cases cover the same path
    }
    const before = inode(dev);
    writeOutput(dev, 'discarded');
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
    expect(inode(dev)).toBe(before);
  });

  it('refuses a directory, a path under a file and a loop of links with E_OUTPUT_UNWRITABLE', () => {
    const d = dir();
    writeFileSync(join(d, 'file'), '');
    symlinkSync('loop', join(d, 'loop'));
    for (const [target, why] of [
      [d, 'is a directory'],
      [join(d, 'file', 'report.json'), 'not a directory'],
      [join(d, 'loop'), 'symbolic links'],
    ] as const) {
      let caught: unknown;
      try {
        writeOutput(target, 'x');
      } catch (e) {
        caught = e;
      }
      expect(isPledgeError(caught) && caught.code, target).toBe('E_OUTPUT_UNWRITABLE');
      expect((caught as Error).message).toContain(why);
    }
    expect(readFileSync(join(d, 'file'), 'utf8')).toBe('');
  });
});

describe('pledge-audit -o and --write-baseline', () => {
  it('README\'s --write-baseline .pledge-audit/baseline.json works when the folder does not exist', () => {
    const d = dir();
    const r = exec([fixtureApk('manifest-risky'), '--write-baseline', '.pledge-audit/baseline.json', '--fail-on', 'never'], {}, d);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(d, '.pledge-audit', 'baseline.json'), 'utf8'))).toBeTypeOf('object');
  });

  it('-o into a FIFO streams the report and leaves the FIFO', async () => {
    const d = dir();
    const fifo = join(d, 'sarif.pipe');
    mkfifo(fifo);
    const read = drain(fifo);
    const child = spawn(process.execPath, [BIN, fixtureApk('clean'), '-f', 'sarif', '-o', fifo], { env: { PATH: process.env.PATH ?? '', LANG: 'C' }, stdio: 'ignore' });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(0);
    expect((JSON.parse(await read) as { version: string }).version).toBe('2.1.0');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('an unwritable -o is one line with E_OUTPUT_UNWRITABLE and exit 2', () => {
    const d = dir();
    const r = exec([fixtureApk('clean'), '-o', d]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^pledge-audit: E_OUTPUT_UNWRITABLE .*is a directory\n$/);
  });
});
