import type { RebuildProgressRow } from './backend';

/** Where progress goes: stderr, so `--json` output on stdout stays clean. */
export interface ProgressTerminal {
  readonly isTTY: boolean;
  readonly columns?: number;
  write(text: string): void;
}

export const stderrTerminal = (): ProgressTerminal => ({
  isTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns,
  write: (text) => process.stderr.write(text),
});

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * The share done, from the rebuild's own estimate: events done against those the rate will do in
 * the time left (the read models estimate time left from how far positions moved towards the head).
 */
function fraction(progress: RebuildProgressRow): number | undefined {
  if (progress.secondsLeft === undefined) return undefined;
  const remaining = progress.eventsPerSecond * progress.secondsLeft;
  const total = progress.eventsDone + remaining;
  return total > 0 ? Math.min(1, progress.eventsDone / total) : 1;
}

/** A count of events, written the same in the bar, the plain lines and the summary. */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en');
}

/** `50%`: the share done, rounded down (100% only at the end); `?%` before an estimate. */
const percent = (share: number | undefined): string =>
  share === undefined ? '?%' : `${Math.floor(share * 100)}%`;

/** `500 of ~1,000 events`: the total is estimated from the share until the rebuild ends. */
function counts(progress: RebuildProgressRow, share: number | undefined): string {
  const done = formatCount(progress.eventsDone);
  if (share === undefined || share <= 0) return `${done} events`;
  const total = share >= 1 ? done : `~${formatCount(progress.eventsDone / share)}`;
  return `${done} of ${total} events`;
}

const describe = (name: string, p: RebuildProgressRow, share: number | undefined): string =>
  `${name}: ${counts(p, share)}, ${formatCount(p.eventsPerSecond)}/s, ${formatDuration(p.secondsLeft)} left`;

/**
 * A progress bar redrawn in place on a terminal; elsewhere (logs, CI) one plain line at most
 * every `intervalMs`, so a long rebuild does not flood its log.
 */
export class ProgressReporter {
  private lastLine = 0;
  private drawn = false;

  constructor(
    private readonly terminal: ProgressTerminal,
    private readonly intervalMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  update(name: string, progress: RebuildProgressRow): void {
    const share = fraction(progress);
    if (this.terminal.isTTY) {
      const width = 16;
      const filled = Math.round((share ?? 0) * width);
      const bar =
        share === undefined
          ? '?'.repeat(width)
          : `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      const line = `[${bar}] ${percent(share).padStart(4)} ${describe(name, progress, share)}`;
      const max = (this.terminal.columns ?? 100) - 1;
      this.terminal.write(`\r${line.slice(0, max).padEnd(max)}`);
      this.drawn = true;
      return;
    }
    const now = this.now();
    if (now - this.lastLine < this.intervalMs) return;
    this.lastLine = now;
    this.terminal.write(`${percent(share)} ${describe(name, progress, share)}\n`);
  }

  /** Ends the bar's line so what follows starts on its own. */
  finish(): void {
    if (this.drawn) this.terminal.write('\n');
    this.drawn = false;
    this.lastLine = 0;
  }
}
