import { describe, expect, it } from 'vitest';
import { installHint, loadOptional } from '../../src/batch/optional.js';
import { isPledgeError } from '../../src/util/errors.js';

describe('optional batch packages', () => {
  it('a package that cannot be imported, or whose probe fails, is E_BATCH_UNAVAILABLE with the install command', async () => {
    const missing = loadOptional('bullmq', () => Promise.reject(new Error("Cannot find package 'bullmq'\n  at …")));
    await expect(missing).rejects.toSatisfy((e) => isPledgeError(e) && e.code === 'E_BATCH_UNAVAILABLE' && e.hint === installHint('bullmq') && !e.message.includes('\n'));
    const unbuilt = loadOptional('better-sqlite3', () => Promise.resolve(1), () => {
      throw new Error('Could not locate the bindings file.');
    });
    await expect(unbuilt).rejects.toSatisfy((e) => isPledgeError(e) && e.code === 'E_BATCH_UNAVAILABLE' && /better-sqlite3 is needed for the batch results store/.test(e.message));
    expect(installHint('better-sqlite3')).toMatch(/^npm install (--global )?better-sqlite3$/);
  });

  it('loads what is installed', async () => {
    await expect(loadOptional('bullmq', () => Promise.resolve(42))).resolves.toBe(42);
  });
});
