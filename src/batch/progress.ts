import type { MultiBar, SingleBar } from 'cli-progress';
import { CLI } from '../i18n/catalog.js';
import type { Lang } from '../model/index.js';

export interface ProgressState {
  /** Apps settled so far (audited, failed, skipped as already stored, duplicates). */
  done: number;
  total: number;
  failed: number;
  skipped: number;
  /** Apps audited (or failed) by this run: the rate counts only these, since skips are instant. */
  processed: number;
  elapsedMs: number;
}

/** Where a scan reports how far it is, and lines that must not break a bar (failed apps). */
export interface ProgressSink {
  update(s: ProgressState): void;
  log(line: string): void;
  stop(s: ProgressState): void;
}

export function ratePerMinute(s: ProgressState): number {
  return s.elapsedMs <= 0 ? 0 : (s.processed * 60_000) / s.elapsedMs;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const t = Math.round(ms / 1000);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = t % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

export function eta(s: ProgressState): string {
  const rate = ratePerMinute(s);
  if (s.done >= s.total) return '0s';
  if (rate <= 0) return '?';
  return formatDuration(((s.total - s.done) / rate) * 60_000);
}

/** One line: `120/500 apps, 3 failed, 10 already stored, 42.0 apps/min, ETA 9m02s`. */
export function progressLine(s: ProgressState, lang: Lang = 'en'): string {
  return CLI[lang].progress({ done: s.done, total: s.total, failed: s.failed, skipped: s.skipped, rate: ratePerMinute(s).toFixed(1), eta: eta(s) });
}

/** Not a terminal (CI logs, files): a plain line at most every `intervalMs`, and a last one. */
export function plainProgress(write: (line: string) => void, intervalMs: number, lang: Lang = 'en'): ProgressSink {
  let last = -Infinity;
  return {
    update(s) {
      if (s.elapsedMs - last < intervalMs) return;
      last = s.elapsedMs;
      write(`pledge-audit scan: ${progressLine(s, lang)}\n`);
    },
    log: write,
    stop(s) {
      write(`pledge-audit scan: ${progressLine(s, lang)}\n`);
    },
  };
}

/** A terminal: cli-progress's bar, redrawn in place; logged lines scroll above it. */
export async function ttyProgress(stream: NodeJS.WritableStream, lang: Lang = 'en'): Promise<ProgressSink> {
  const { MultiBar: Bars } = (await import('cli-progress')).default;
  const bars: MultiBar = new Bars({
    stream,
    format: CLI[lang].progressBar,
    hideCursor: true,
    clearOnComplete: false,
    fps: 5,
    barsize: 30,
  });
  let bar: SingleBar | undefined;
  const payload = (s: ProgressState): Record<string, string | number> => ({ failed: s.failed, rate: ratePerMinute(s).toFixed(1), eta_text: eta(s) });
  const update = (s: ProgressState): void => {
    if (bar === undefined) bar = bars.create(s.total, s.done, payload(s));
    else {
      bar.setTotal(s.total);
      bar.update(s.done, payload(s));
    }
  };
  return {
    update,
    log(line) {
      bars.log(line.endsWith('\n') ? line : `${line}\n`);
    },
    stop(s) {
      update(s);
      bars.stop();
    },
  };
}
