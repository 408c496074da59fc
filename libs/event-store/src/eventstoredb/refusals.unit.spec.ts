import { status } from '@grpc/grpc-js';
import { StoreRefusedError, StoreUnavailableError, type RecordedEvent } from '../port';
import { silentLogger } from '../logging';
import { freshStreamId, newEvent, newEvents } from '../testing/conformance-fixtures';
import { decodePosition, encodePosition } from './positions';
import { rpc } from './testing/wire-server/wire-protocol';
import { storeOnWireServer, type WireStore } from './testing/wire-store';

// Client 6.2.1 turns every status it has no class for into UnknownError; the adapter tells a
// refusal that will come again (fail at once) from a failure worth retrying (bounded).
jest.setTimeout(15_000);

/** A position one byte into the record at `position`: not a record boundary. */
function insideOf(position: string): string {
  const { commit } = decodePosition(position);
  return encodePosition({ commit: commit + 1n, prepare: commit + 1n });
}

async function drain(iterable: AsyncIterable<RecordedEvent>): Promise<unknown> {
  try {
    for await (const _event of iterable) {
      // nothing expected
    }
    return 'ended';
  } catch (error) {
    return error;
  }
}

describe('EventStoreDB adapter: refusals fail at once, failures are retried a bounded number of times', () => {
  let wire: WireStore;
  const warnings: string[] = [];
  beforeEach(async () => {
    warnings.length = 0;
    wire = await storeOnWireServer(
      {
        logger: { ...silentLogger, warn: (message) => warnings.push(message) },
        resubscribe: { initialDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 },
      },
      { maxAppendEventSize: 4096, maxAppendSize: 16_384 },
    );
  });
  afterEach(() => wire.stop());

  it('a subscription from a checkpoint that is not a record boundary fails at once, typed', async () => {
    const { position } = await wire.store.append(freshStreamId(), newEvents(1), 'no-stream');
    const inside = insideOf(position);
    const failure = await drain(wire.store.subscribe({ after: inside }));
    expect(failure).toBeInstanceOf(StoreRefusedError);
    expect(failure).toMatchObject({ reason: 'invalid-position' });
    expect(wire.server.calls.filter((call) => call.kind === 'subscribe')).toHaveLength(1);
  });

  it('readAll from a position that is not a record boundary fails at once, typed', async () => {
    const { position } = await wire.store.append(freshStreamId(), newEvents(1), 'no-stream');
    const inside = insideOf(position);
    await expect(wire.store.readAll({ after: inside, maxCount: 5 })).rejects.toMatchObject({
      name: 'StoreRefusedError',
      reason: 'invalid-position',
    });
    expect(wire.server.calls.filter((call) => call.kind === 'read-all')).toHaveLength(1);
  });

  it('an event over the server’s per-event limit (24.10+) is refused once, not retried as unavailable', async () => {
    const big = newEvent('Big', { text: 'x'.repeat(5000) });
    const attempt = wire.store.append(freshStreamId(), [big], 'no-stream');
    await expect(attempt).rejects.toBeInstanceOf(StoreRefusedError);
    await expect(attempt).rejects.toMatchObject({ reason: 'too-large' });
    expect(wire.server.appends).toHaveLength(1);
  });

  it('an append over the server’s request limit is refused once', async () => {
    const events = Array.from({ length: 6 }, () => newEvent('Part', { text: 'y'.repeat(3000) }));
    await expect(wire.store.append(freshStreamId(), events, 'no-stream')).rejects.toMatchObject({
      reason: 'too-large',
    });
    expect(wire.server.appends).toHaveLength(1);
  });

  it('a bad request answered inside the batch stream is refused once', async () => {
    const { batchStatus } = await import('./testing/wire-server/wire-protocol');
    wire.server.answerNextBatchAppend(batchStatus.badRequest('Required field not set.'));
    await expect(
      wire.store.append(freshStreamId(), newEvents(1), 'no-stream'),
    ).rejects.toMatchObject({ reason: 'bad-request' });
    expect(wire.server.appends).toHaveLength(1);
  });

  it('access denied on $all is a refusal, not an outage', async () => {
    wire.server.failNext('read-all', rpc.accessDenied());
    await expect(wire.store.headPosition()).rejects.toMatchObject({ reason: 'access-denied' });
  });

  it('an unknown server error is an outage the caller may retry, not a refusal', async () => {
    wire.server.failNext(
      'tombstone',
      rpc.custom(status.UNKNOWN, 'Exception was thrown by handler.'),
    );
    // A delete is not retried by the adapter: the caller sees an outage it may retry.
    await expect(wire.store.deleteStream(freshStreamId())).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(wire.store.deleteStream(freshStreamId())).resolves.toBeUndefined();
  });

  it('resubscribes after failures a bounded number of times, reporting each, then fails', async () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      wire.server.failNext('subscribe', rpc.serverNotReady());
    }
    const failure = await drain(wire.store.subscribe());
    expect(failure).toBeInstanceOf(StoreUnavailableError);
    expect(failure).not.toBeInstanceOf(StoreRefusedError);
    expect(wire.server.calls.filter((call) => call.kind === 'subscribe')).toHaveLength(4);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/subscription failed .*attempt 1 of 3.*Server Is Not Ready/);
  });

  it('resubscribes through a server restart and goes on from the last event delivered', async () => {
    const streamId = freshStreamId();
    await wire.store.append(streamId, newEvents(2), 'no-stream');
    const seen: RecordedEvent[] = [];
    const controller = new AbortController();
    const done = (async () => {
      for await (const event of wire.store.subscribe({ signal: controller.signal })) {
        seen.push(event);
        if (seen.length === 2) await wire.server.restart();
        if (seen.length === 2) void wire.store.append(streamId, newEvents(1), 1);
        if (seen.length === 3) controller.abort();
      }
    })();
    await done;
    expect(seen.map((event) => event.streamVersion)).toEqual([0, 1, 2]);
    expect(warnings.some((warning) => /subscription failed/.test(warning))).toBe(true);
  });
});
