import {
  StreamDeletedError,
  type AppendResult,
  type EventStore,
  type NewEvent,
} from '@app/event-store';
import type { SqlDatabase, SqlExecutor } from '@app/event-store/sql';
import { ManualClock } from '@app/platform';
import type { IdempotencyStore } from '../idempotency';
import { SequentialEventWriter } from './sequential-event-writer';

const clock = new ManualClock('2026-01-01T00:00:00Z');
const claim = { scope: { caller: 'pro-1', method: 'DELETE', path: '/s/1', key: 'k' }, token: 't' };

/** The records' statements, as the writer issues them on the relational transaction. */
const records = {
  purgeSession: (sql: SqlExecutor) => sql.query('purge'),
  complete: async (sql: SqlExecutor) => {
    await sql.query('complete');
    return true;
  },
} as unknown as IdempotencyStore;

/** Records the order of what the writer does, the way an EventStoreDB client would see it. */
function fakes(options: { deleted?: string[] } = {}) {
  const log: string[] = [];
  let position = 0;
  const store: Pick<EventStore, 'append' | 'deleteStream'> = {
    append: (streamId: string, events: readonly NewEvent[]): Promise<AppendResult> => {
      log.push(`append ${streamId} ${events.length}`);
      position += events.length;
      return Promise.resolve({ version: events.length - 1, position: String(position) });
    },
    deleteStream: (streamId: string) => {
      log.push(`tombstone ${streamId}`);
      return options.deleted?.includes(streamId)
        ? Promise.reject(new StreamDeletedError(streamId))
        : Promise.resolve();
    },
  };
  const tx: SqlExecutor = {
    query: (text: string) => {
      log.push(`sql ${text}`);
      return Promise.resolve([]);
    },
  };
  const relational: SqlDatabase = {
    query: tx.query,
    transaction: async (fn) => {
      log.push('begin');
      const result = await fn(tx);
      log.push('commit');
      return result;
    },
    close: () => Promise.resolve(),
  };
  return {
    log,
    writer: new SequentialEventWriter(store as EventStore, relational, records, clock),
  };
}

const event = (type: string): NewEvent => ({
  eventId: type,
  type,
  schemaVersion: 1,
  data: {},
  metadata: {
    occurredAt: 'now',
    actor: { userId: 'u', role: 'professional' },
    correlationId: 'c',
    causationId: 'c',
  },
});

describe('SequentialEventWriter (EventStoreDB)', () => {
  it('appends, then tombstones, then writes the records on the relational database', async () => {
    const { log, writer } = fakes();
    const answer = await writer.write({
      append: {
        streamId: 'session-deletion-1',
        events: [event('SessionDeleted')],
        expectedVersion: 'no-stream',
      },
      deleteStreams: [{ streamId: 'session-1' }],
      purgeRecords: { sessionId: '1', keep: claim.scope },
      record: { claim, sessionId: '1' },
      result: (appended) => appended?.position ?? null,
    });
    expect(answer).toBe('1');
    expect(log).toEqual([
      'append session-deletion-1 1',
      'tombstone session-1',
      'begin',
      'sql purge',
      'sql complete',
      'commit',
    ]);
  });

  it('opens no relational transaction for a plan without records', async () => {
    const { log, writer } = fakes();
    await writer.write({
      append: { streamId: 'session-1', events: [event('SessionCancelled')], expectedVersion: 0 },
      result: () => null,
    });
    expect(log).toEqual(['append session-1 1']);
  });

  it('finishes a half-done delete: a stream already tombstoned is not an error', async () => {
    const { log, writer } = fakes({ deleted: ['session-1'] });
    await writer.write({
      deleteStreams: [{ streamId: 'session-1' }],
      purgeRecords: { sessionId: '1', keep: undefined },
      result: () => 'ok',
    });
    expect(log).toEqual(['tombstone session-1', 'begin', 'sql purge', 'commit']);
  });

  it('writes no record when the append fails (the key stays in flight until its lease expires)', async () => {
    const failing = new SequentialEventWriter(
      {
        append: () => Promise.reject(new Error('down')),
        deleteStream: () => Promise.resolve(),
      } as unknown as EventStore,
      {
        query: () => Promise.resolve([]),
        transaction: <T>(): Promise<T> => Promise.reject(new Error('records must not be written')),
        close: () => Promise.resolve(),
      },
      records,
      clock,
    );
    await expect(
      failing.write({
        append: { streamId: 's', events: [event('X')], expectedVersion: 0 },
        record: { claim, sessionId: undefined },
        result: () => 1,
      }),
    ).rejects.toThrow('down');
  });
});
