import type {
  AsOf,
  SessionHistoryAnswer,
  SessionStateAnswer,
} from '@app/application/session-history';
import type { VerificationReport } from '@app/audit';
import type { ConsumerStatus, RetryReport } from '@app/consumers';
import type { OperatorBackend, RebuildDone, RebuildProgressRow } from '../backend';

/** An in-memory backend for the commands' unit tests. */
export class FakeBackend implements OperatorBackend {
  readonly description = 'a fake';
  closed = false;
  readonly asked: AsOf[] = [];
  readonly retries: Array<[string, string | undefined]> = [];

  constructor(
    private readonly histories: Record<string, SessionHistoryAnswer>,
    private readonly rows: readonly ConsumerStatus[] = [],
  ) {}

  history(sessionId: string): Promise<SessionHistoryAnswer> {
    return Promise.resolve(this.histories[sessionId] ?? { kind: 'not-found', sessionId });
  }

  state(sessionId: string, asOf: AsOf): Promise<SessionStateAnswer> {
    this.asked.push(asOf);
    const history = this.histories[sessionId];
    if (history === undefined || history.kind === 'not-found')
      return Promise.resolve({ kind: 'not-found', sessionId });
    if (history.kind === 'deleted') return Promise.resolve(history);
    return Promise.resolve({
      kind: 'state',
      sessionId,
      professionalId: history.professionalId,
      asOf,
      version: 0,
      state: { status: 'not-scheduled' },
      unreadableVersions: [],
    });
  }

  status(): Promise<readonly ConsumerStatus[]> {
    return Promise.resolve(this.rows);
  }

  projections(): Promise<readonly string[]> {
    return Promise.resolve(this.rows.filter((r) => r.kind === 'projection').map((r) => r.name));
  }

  rebuild(name: string, onProgress: (progress: RebuildProgressRow) => void): Promise<RebuildDone> {
    onProgress({
      eventsDone: 500,
      position: '500',
      headPosition: '1000',
      eventsPerSecond: 1000,
      secondsLeft: 0.5,
    });
    onProgress({
      eventsDone: 1000,
      position: '1000',
      headPosition: '1000',
      eventsPerSecond: 1000,
      secondsLeft: 0,
    });
    return Promise.resolve({
      projection: name,
      eventsDone: 1000,
      position: '1000',
      seconds: 1,
      setAside: [],
    });
  }

  /** Session `s-1` of any consumer is set aside and clears; `stuck` fails again. */
  retry(name: string, sessionId: string | undefined): Promise<RetryReport> {
    this.retries.push([name, sessionId]);
    const requested = sessionId === undefined ? ['s-1', 'stuck'] : [sessionId];
    return Promise.resolve({
      consumer: name,
      requested,
      cleared: requested.filter((id) => id === 's-1'),
      failed: requested
        .filter((id) => id === 'stuck')
        .map((id) => ({
          sessionId: id,
          error: 'SessionScheduled.fee.amountMinor: expected an integer',
        })),
      pending: [],
    });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  verifySession(_sessionId: string): Promise<VerificationReport | undefined> {
    return Promise.resolve(undefined);
  }

  verifyLog(): Promise<VerificationReport> {
    return Promise.reject(new Error('the fake has no log'));
  }

  exportSession(_sessionId: string): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }
}
