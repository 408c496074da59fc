import {
  AccessDeniedError,
  CancelledError,
  UnavailableError,
  UnknownError,
} from '@eventstore/db-client';
import { StoreUnavailableError, StreamDeletedError, WrongExpectedVersionError } from '../port';
import { newEvents, storeOnFakeServer } from './testing/fake-store';

describe('EventStoreDB adapter: append', () => {
  it('passes the expected version as the client revision', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(2), 'no-stream');
    await store.append('s-1', newEvents(1), 1);
    await store.append('s-1', newEvents(1), 'any');
    expect(server.appendCalls.map((c) => c.expectedRevision)).toEqual([
      'no_stream',
      2n - 1n,
      'any',
    ]);
  });

  it('answers the version and the position a reader sees for the last event', async () => {
    const { store } = storeOnFakeServer();
    const first = await store.append('s-1', newEvents(3), 'no-stream');
    const read = await store.readStream('s-1');
    expect(first).toEqual({ version: 2, position: read[2].position });
    const second = await store.append('s-1', newEvents(1), 2);
    expect(second.version).toBe(3);
    expect(BigInt(second.position) > BigInt(first.position)).toBe(true);
    expect(() => JSON.stringify(second)).not.toThrow();
  });

  it('a repeated append (same ids, same expected version) writes nothing and answers the first result', async () => {
    const { server, store } = storeOnFakeServer();
    const events = newEvents(2);
    const first = await store.append('s-1', events, 'no-stream');
    await store.append('s-1', newEvents(1), 1);
    const again = await store.append('s-1', events, 'no-stream');
    expect(again).toEqual(first);
    expect(server.stream('s-1')).toHaveLength(3);
  });

  it('translates a conflict, with the actual version', async () => {
    const { store } = storeOnFakeServer();
    await store.append('s-1', newEvents(2), 'no-stream');
    const conflict = store.append('s-1', newEvents(1), 0);
    await expect(conflict).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.append('s-1', newEvents(1), 0)).rejects.toMatchObject({
      streamId: 's-1',
      expected: 0,
      actual: 1,
    });
    await expect(store.append('s-2', newEvents(1), 3)).rejects.toMatchObject({
      expected: 3,
      actual: 'no-stream',
    });
    await expect(store.append('s-1', newEvents(1), 'no-stream')).rejects.toMatchObject({
      expected: 'no-stream',
      actual: 1,
    });
  });

  it('an append to a deleted stream fails with StreamDeletedError, without a retry', async () => {
    const { server, store } = storeOnFakeServer();
    await store.append('s-1', newEvents(1), 'no-stream');
    await store.deleteStream('s-1');
    const calls = server.appendCalls.length;
    await expect(store.append('s-1', newEvents(1), 'any')).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
    expect(server.appendCalls.length - calls).toBe(1);
  });

  describe('batch-append quirk: one broken gRPC stream rejects every append in flight', () => {
    it.each([
      ['unavailable', new UnavailableError()],
      ['cancelled', new CancelledError()],
      ['unknown', new UnknownError()],
    ])(
      'retries after a %s error that hit an append the server had written: same ids, same revision, one copy',
      async (_name, error) => {
        const { server, store } = storeOnFakeServer();
        const events = newEvents(2);
        server.appendFailures.push({ error, afterWrite: true });
        const result = await store.append('s-1', events, 'no-stream');
        expect(server.appendCalls).toHaveLength(2);
        expect(server.appendCalls[1]).toEqual(server.appendCalls[0]);
        expect(server.stream('s-1').map((e) => e.id)).toEqual(events.map((e) => e.eventId));
        const read = await store.readStream('s-1');
        expect(result).toEqual({ version: 1, position: read[1].position });
      },
    );

    it('retries after an error that hit an append the server had not written', async () => {
      const { server, store } = storeOnFakeServer();
      server.appendFailures.push(
        { error: new UnavailableError(), afterWrite: false },
        { error: new UnavailableError(), afterWrite: false },
      );
      const result = await store.append('s-1', newEvents(1), 'no-stream');
      expect(result.version).toBe(0);
      expect(server.appendCalls).toHaveLength(3);
      expect(server.stream('s-1')).toHaveLength(1);
    });

    it('two concurrent appends both rejected by one broken stream both succeed on retry', async () => {
      const { server, store } = storeOnFakeServer();
      const broken = new UnavailableError();
      server.appendFailures.push(
        { error: broken, afterWrite: true },
        { error: broken, afterWrite: false },
      );
      const [a, b] = await Promise.all([
        store.append('s-a', newEvents(1), 'no-stream'),
        store.append('s-b', newEvents(1), 'no-stream'),
      ]);
      expect([a.version, b.version]).toEqual([0, 0]);
      expect(server.stream('s-a')).toHaveLength(1);
      expect(server.stream('s-b')).toHaveLength(1);
    });

    it('gives up after the bounded number of retries with StoreUnavailableError', async () => {
      const { server, store } = storeOnFakeServer({ appendRetry: { maxRetries: 2 } });
      for (let i = 0; i < 5; i += 1)
        server.appendFailures.push({ error: new UnavailableError(), afterWrite: false });
      await expect(store.append('s-1', newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect(server.appendCalls).toHaveLength(3);
    });

    it('does not retry a refusal (access denied)', async () => {
      const { server, store } = storeOnFakeServer();
      server.appendFailures.push({ error: new AccessDeniedError(), afterWrite: false });
      await expect(store.append('s-1', newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      expect(server.appendCalls).toHaveLength(1);
    });

    it('waits with growing delays between retries', async () => {
      const delays: number[] = [];
      const { server, store } = storeOnFakeServer({
        appendRetry: { maxRetries: 3, initialDelayMs: 10, maxDelayMs: 25 },
        sleep: (ms) => {
          delays.push(ms);
          return Promise.resolve();
        },
      });
      for (let i = 0; i < 3; i += 1)
        server.appendFailures.push({ error: new UnavailableError(), afterWrite: false });
      await store.append('s-1', newEvents(1), 'no-stream');
      expect(delays).toEqual([10, 20, 25]);
    });
  });

  it('retries a failed read-back of the position: the events are written, the append succeeded', async () => {
    const { server, store } = storeOnFakeServer();
    const client = server.clients[0];
    const realRead = client.readStream.bind(client);
    let failures = 1;
    client.readStream = (name, options) => {
      if (failures-- > 0) {
        return {
          [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new UnavailableError()) }),
        };
      }
      return realRead(name, options);
    };
    const result = await store.append('s-1', newEvents(1), 'no-stream');
    expect(result.version).toBe(0);
    expect(server.appendCalls).toHaveLength(1);
  });

  it('refuses an empty append and a bad expected version before calling the server', async () => {
    const { server, store } = storeOnFakeServer();
    await expect(store.append('s-1', [], 'any')).rejects.toThrow(RangeError);
    await expect(store.append('s-1', newEvents(1), -1)).rejects.toThrow(RangeError);
    expect(server.appendCalls).toHaveLength(0);
  });
});
