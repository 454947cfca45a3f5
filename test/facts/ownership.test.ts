import { describe, expect, it } from 'vitest';
import { fixtureFacts } from '../helpers/fixtures.js';

describe('owners of code no catalogue prefix names', () => {
  it('a renamed SDK is named by its signature strings, and a sub-package only it calls is its too', async () => {
    const facts = await fixtureFacts('sdk-starts');
    expect(facts.ownerOfClass('q.r.s.A')).toMatchObject({ kind: 'sdk', id: 'umeng-analytics' });
    expect(facts.ownerOfClass('q.r.s.t.B')).toMatchObject({ kind: 'sdk', id: 'umeng-analytics' });
  });

  it('a class-name string (Class.forName probe) is no signature: that package is not the SDK', async () => {
    const facts = await fixtureFacts('sdk-starts');
    expect(facts.ownerOfClass('q.w.C')).not.toMatchObject({ kind: 'sdk' });
    expect(facts.ownerOfClass('q.w.C').kind).not.toBe('app');
  });

  it("a package only the app and one SDK call is that SDK's top package when the SDK's own packages lie below it", async () => {
    const facts = await fixtureFacts('sdk-starts');
    expect(facts.ownerOfClass('q.r.Api')).toMatchObject({ kind: 'sdk', id: 'umeng-analytics' });
    // The same callers, but nothing of the SDK below it: a helper both use is not the SDK's.
    expect(facts.ownerOfClass('q.x.Util')).not.toMatchObject({ kind: 'sdk' });
    expect(facts.ownerOfClass('q.x.Util').kind).not.toBe('app');
  });

  it("the app's own package stays the app's", async () => {
    const facts = await fixtureFacts('sdk-starts');
    expect(facts.ownerOfClass('org.pledgeaudit.fixture.sdkstarts.App')).toEqual({ kind: 'app' });
  });
});
