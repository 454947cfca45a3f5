import type { ApiUse } from './api-uses.js';
import type { CodeFacts, CodeSite } from './code.js';
import type { Reachability } from './reach.js';

/**
 * Code that runs on a timer (CLAUSES.md clause 2: "PI API in a method scheduled periodically"):
 * frequency of collection (164号文 1.2 "每30秒"-style findings) needs a runtime measurement, so
 * the static finding is the loop itself and the PI it reaches. Recognised shapes:
 *  - Timer.schedule(task, delay, period) / scheduleAtFixedRate(…): the TimerTask built in the
 *    same method;
 *  - ScheduledExecutorService.scheduleAtFixedRate / scheduleWithFixedDelay: the Runnable built
 *    in the same method;
 *  - a Runnable whose run() posts to a Handler with a delay (the self-rescheduling loop).
 */
export interface PeriodicTask {
  /** Class descriptor of the task (TimerTask/Runnable). */
  cls: string;
  shape: 'timer' | 'executor' | 'handler-loop';
  /** Where it is scheduled (for handler loops: the postDelayed call inside run()). */
  scheduledAt: CodeSite;
  /** PI reads reached from run(), with the path from run(). */
  reads: { use: ApiUse; path: string[] }[];
}

const RUNNABLE = 'Ljava/lang/Runnable;';
const TIMER_TASK = 'Ljava/util/TimerTask;';

export function periodicTasks(code: CodeFacts, reach: Reachability): PeriodicTask[] {
  const tasks = new Map<string, PeriodicTask>();
  const add = (cls: string, shape: PeriodicTask['shape'], at: CodeSite): void => {
    if (tasks.has(cls)) return;
    const reads = reach.piReachedFrom(cls, 'run');
    if (reads.length > 0) tasks.set(cls, { cls, shape, scheduledAt: at, reads });
  };

  // Timer.schedule(TimerTask, long, long) and (TimerTask, Date, long) repeat; the two-argument
  // forms run once. scheduleAtFixedRate always repeats.
  for (const site of [...code.invokesOf('Ljava/util/Timer;', 'schedule'), ...code.invokesOf('Ljava/util/Timer;', 'scheduleAtFixedRate')]) {
    const ref = code.calleeRef(site);
    const params = ref.slice(ref.indexOf('(') + 1, ref.indexOf(')'));
    if (ref.includes('->schedule(') && params !== 'Ljava/util/TimerTask;JJ' && params !== 'Ljava/util/TimerTask;Ljava/util/Date;J') continue;
    for (const cls of constructedIn(code, reach, site, TIMER_TASK)) add(cls, 'timer', site);
  }
  for (const name of ['scheduleAtFixedRate', 'scheduleWithFixedDelay']) {
    for (const site of code.invokesOfName(name, (c) => c === 'Ljava/util/concurrent/ScheduledExecutorService;' || code.isA(c, 'Ljava/util/concurrent/ScheduledExecutorService;'))) {
      for (const cls of constructedIn(code, reach, site, RUNNABLE)) add(cls, 'executor', site);
    }
  }
  for (const site of code.invokesOfName('postDelayed', (c) => c === 'Landroid/os/Handler;' || code.isA(c, 'Landroid/os/Handler;'))) {
    const caller = code.callerRef(site);
    if (!caller.endsWith('->run()V')) continue;
    const cls = code.callerClass(site);
    if (code.isA(cls, RUNNABLE)) add(cls, 'handler-loop', site);
  }
  return [...tasks.values()];
}

/** App classes extending `base` whose constructor the scheduling call's method invokes before it. */
function constructedIn(code: CodeFacts, reach: Reachability, site: CodeSite, base: string): string[] {
  const out: string[] = [];
  for (const init of reach.callsIn(site.unit, site.caller)) {
    if (init.pc > site.pc || !init.ref.includes('-><init>(')) continue;
    const cls = init.ref.slice(0, init.ref.indexOf('->'));
    if (cls !== base && code.isA(cls, base) && !out.includes(cls)) out.push(cls);
  }
  return out;
}
