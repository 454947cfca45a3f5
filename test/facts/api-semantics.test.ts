import { describe, expect, it } from 'vitest';
import { fixtureFacts } from '../helpers/fixtures.js';

// src/facts/api-semantics.ts: what a matched PI source does, read from the method that uses it.
describe('a content URI read', () => {
  it('is not a contacts read when it only keys a ContentObserver', async () => {
    const facts = await fixtureFacts('code-safe');
    const contacts = facts.piReads.filter((u) => u.kind === 'CONTACTS').map((u) => u.caller.slice(u.caller.indexOf('->') + 2, u.caller.indexOf('(')));
    // pickContact reads the URI and keeps it (no use seen in the method): still a read.
    expect(contacts).toEqual(['pickContact']);
  });
});
