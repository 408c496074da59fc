import type { AsOf, SessionHistoryAnswer, SessionStateAnswer } from '@app/read-models';
import type { ConsumerRow, OperatorBackend, RebuildDone, RebuildProgressRow } from '../backend';

/** An in-memory backend for the commands' unit tests. */
export class FakeBackend implements OperatorBackend {
  readonly description = 'a fake';
  closed = false;
  readonly asked: AsOf[] = [];

  constructor(
    private readonly histories: Record<string, SessionHistoryAnswer>,
    private readonly rows: readonly ConsumerRow[] = [],
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

  status(): Promise<readonly ConsumerRow[]> {
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
    return Promise.resolve({ projection: name, eventsDone: 1000, position: '1000', seconds: 1 });
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
