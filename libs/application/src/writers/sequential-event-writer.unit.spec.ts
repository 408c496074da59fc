import {
  StreamDeletedError,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type SqlDatabase,
  type SqlExecutor,
} from '@app/event-store';
import { SequentialEventWriter } from './sequential-event-writer';

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
  return { log, writer: new SequentialEventWriter(store as EventStore, relational) };
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
  it('appends, then tombstones, then finishes on the relational database', async () => {
    const { log, writer } = fakes();
    const answer = await writer.write({
      appends: [
        {
          streamId: 'session-deletion-1',
          events: [event('SessionDeleted')],
          expectedVersion: 'no-stream',
        },
      ],
      deleteStreams: [{ streamId: 'session-1' }],
      finishWrites: true,
      finish: async ([result], sql) => {
        await sql.query('purge');
        return result?.position;
      },
    });
    expect(answer).toBe('1');
    expect(log).toEqual([
      'append session-deletion-1 1',
      'tombstone session-1',
      'begin',
      'sql purge',
      'commit',
    ]);
  });

  it('finishes a half-done delete: a stream already tombstoned is not an error', async () => {
    const { log, writer } = fakes({ deleted: ['session-1'] });
    await writer.write({
      appends: [],
      deleteStreams: [{ streamId: 'session-1' }],
      finishWrites: true,
      finish: () => Promise.resolve('ok'),
    });
    expect(log).toEqual(['tombstone session-1', 'begin', 'commit']);
  });

  it('does not finish when an append fails (the key stays in flight until its lease expires)', async () => {
    const { log, writer } = fakes();
    const failing = new SequentialEventWriter(
      {
        append: () => Promise.reject(new Error('down')),
        deleteStream: () => Promise.resolve(),
      } as unknown as EventStore,
      {
        query: () => Promise.resolve([]),
        transaction: <T>(): Promise<T> => Promise.reject(new Error('finish must not run')),
        close: () => Promise.resolve(),
      },
    );
    await expect(
      failing.write({
        appends: [{ streamId: 's', events: [event('X')], expectedVersion: 0 }],
        finishWrites: true,
        finish: () => Promise.resolve(1),
      }),
    ).rejects.toThrow('down');
    expect(log).toEqual([]);
    expect(writer.atomic).toBe(false);
  });
});
