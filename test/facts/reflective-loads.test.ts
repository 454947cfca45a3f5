import { describe, expect, it } from 'vitest';
import { reflectiveLoads } from '../../src/facts/reflective-loads.js';
import { fixtureFacts } from '../helpers/fixtures.js';

// fixtures/src/reflection-liveness: what a load by a computed name can create decides which code
// the liveness model takes as live (src/facts/reflective-loads.ts).
describe('loads by a computed name', () => {
  it('keeps only loads that may create something, narrowed by their cast', async () => {
    const facts = await fixtureFacts('reflection-liveness');
    const loads = reflectiveLoads(facts.code!).map((l) => ({ method: l.method.slice(0, l.method.indexOf('(')), namespace: l.namespace, creates: l.creates }));
    expect(loads).toEqual([
      // The configured plugin: newInstance() cast to Plugin, of a name computed by the app's
      // code (it reads it from preferences) and handed to the SDK's loader.
      { method: 'Lcom/plugkit/Plugins;->start', namespace: 'com/plugkit', creates: { castTo: 'Lcom/plugkit/Plugin;' } },
      { method: 'Lcom/plugkit/Plugins;->start', namespace: 'org/pledgeaudit', creates: { castTo: 'Lcom/plugkit/Plugin;' } },
    ]);
    // Not there: Remote.bind (getName() + "$Stub", only asked for a static method) and
    // Registry.register (keeps the class, but its callers pass "com.plugkit.Net" and Net.class.getName()).
  });

  it('takes a class as created only when a load that can run admits it', async () => {
    const facts = await fixtureFacts('reflection-liveness');
    const live = (m: string): boolean => facts.isLive(m);
    expect(live('Lcom/plugkit/DevicePlugin;->start(Landroid/content/Context;)V')).toBe(true);
    // A Handler.Callback outside the cast, one in a "$Stub" namespace, a Dialog nobody creates,
    // a listener created only by itself, a password hash nothing calls.
    expect(live('Lcom/plugkit/Tracker;->handleMessage(Landroid/os/Message;)Z')).toBe(false);
    expect(live('Lcom/plugkit/contacts/Watcher;->handleMessage(Landroid/os/Message;)Z')).toBe(false);
    expect(live('Lcom/plugkit/ui/PromoDialog;->onCreate(Landroid/os/Bundle;)V')).toBe(false);
    expect(live('Lcom/plugkit/Echo;->onClick(Landroid/view/View;)V')).toBe(false);
    expect(live('Lcom/plugkit/Hash;->getPasswordMD5(Ljava/lang/String;)Ljava/lang/String;')).toBe(false);
    expect(live('Lcom/plugkit/Hash;->md5(Ljava/lang/String;)Ljava/lang/String;')).toBe(true);
  });

  it('never starts a service the manifest does not declare, even when code names its class', async () => {
    const facts = await fixtureFacts('reflection-liveness');
    // Downloads.start hands both classes to startService; only SyncService is declared.
    expect(facts.isLive('Lcom/plugkit/download/Downloads;->start(Landroid/content/Context;)V')).toBe(true);
    expect(facts.isLive('Lcom/plugkit/download/SyncService;->onStartCommand(Landroid/content/Intent;II)I')).toBe(true);
    expect(facts.isLive('Lcom/plugkit/download/DownloadService;->onStartCommand(Landroid/content/Intent;II)I')).toBe(false);
  });

  it('answers the same whatever is asked first', async () => {
    // The least fixed point must not depend on the order of questions (a class assumed not
    // created while its own answer is worked out is forgotten if it turns out created).
    const { loadFacts } = await import('../../src/facts/load.js');
    const { fixtureApk } = await import('../helpers/fixtures.js');
    const keys = [
      'Lcom/plugkit/Echo;->onClick(Landroid/view/View;)V',
      'Lcom/plugkit/DevicePlugin;->start(Landroid/content/Context;)V',
      'Lcom/plugkit/Tracker;->handleMessage(Landroid/os/Message;)Z',
      'Lcom/plugkit/ui/PromoDialog;->onCreate(Landroid/os/Bundle;)V',
    ];
    const forward = await loadFacts(fixtureApk('reflection-liveness'));
    const backward = await loadFacts(fixtureApk('reflection-liveness'));
    const a = keys.map((k) => forward.isLive(k));
    const b = [...keys].reverse().map((k) => backward.isLive(k)).reverse();
    expect(a).toEqual(b);
    expect(a).toEqual([false, true, false, false]);
  });
});
