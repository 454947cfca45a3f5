import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import type { BatchRecord } from './record.js';

/**
 * `--jsonl`: one line per app this run stores, appended, so that a resumed scan continues the
 * file of the run it resumes. A run killed mid-write leaves a torn last line; it is cut off when
 * the file is opened again, so every line of the file parses.
 */
export class JsonlWriter {
  private fd: number | undefined;

  constructor(path: string) {
    this.fd = openSync(path, 'a+');
    dropTornTail(this.fd);
  }

  write(r: BatchRecord): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, `${JSON.stringify(r)}\n`);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function dropTornTail(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    const nl = chunk.subarray(0, n).lastIndexOf(0x0a);
    if (nl >= 0) {
      const keep = start + nl + 1;
      if (keep !== size) ftruncateSync(fd, keep);
      return;
    }
    end = start;
  }
  ftruncateSync(fd, 0);
}
