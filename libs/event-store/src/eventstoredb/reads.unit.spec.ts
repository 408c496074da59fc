import { UnavailableError } from '@eventstore/db-client';
import {
  comparePositions,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
} from '../port';
import { newEvents, storeOnFakeServer } from './testing/fake-store';

describe('EventStoreDB adapter: reads', () => {
  async function seeded() {
    const setup = storeOnFakeServer({ readPageSize: 2 });
    await setup.store.append('s-1', newEvents(5), 'no-stream');
    return setup;
  }

  it('reads a stream forwards, from a version, with a count', async () => {
    const { store } = await seeded();
    expect((await store.readStream('s-1')).map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4]);
    expect((await store.readStream('s-1', { fromVersion: 2 })).map((e) => e.streamVersion)).toEqual(
      [2, 3, 4],
    );
    expect(
      (await store.readStream('s-1', { fromVersion: 1, maxCount: 2 })).map((e) => e.streamVersion),
    ).toEqual([1, 2]);
    expect(await store.readStream('s-1', { fromVersion: 9 })).toEqual([]);
    expect(await store.readStream('s-1', { maxCount: 0 })).toEqual([]);
  });

  it('reads a stream backwards, from the end or a version', async () => {
    const { store } = await seeded();
    expect(
      (await store.readStream('s-1', { direction: 'backwards' })).map((e) => e.streamVersion),
    ).toEqual([4, 3, 2, 1, 0]);
    expect(
      (await store.readStream('s-1', { direction: 'backwards', fromVersion: 3, maxCount: 2 })).map(
        (e) => e.streamVersion,
      ),
    ).toEqual([3, 2]);
  });

  it('a missing stream is StreamNotFoundError; a tombstoned one StreamDeletedError, even with a count of 0', async () => {
    const { store } = await seeded();
    await expect(store.readStream('nope')).rejects.toBeInstanceOf(StreamNotFoundError);
    await store.deleteStream('s-1');
    await expect(store.readStream('s-1')).rejects.toBeInstanceOf(StreamDeletedError);
    await expect(store.readStream('s-1', { maxCount: 0 })).rejects.toMatchObject({
      streamId: 's-1',
      code: 'stream-deleted',
    });
  });

  it('deleting a deleted stream is StreamDeletedError; a never-existing stream can be deleted for good', async () => {
    const { store } = await seeded();
    await store.deleteStream('s-1');
    await expect(store.deleteStream('s-1')).rejects.toBeInstanceOf(StreamDeletedError);
    await store.deleteStream('never-existed');
    await expect(store.append('never-existed', newEvents(1), 'no-stream')).rejects.toBeInstanceOf(
      StreamDeletedError,
    );
  });

  it('reads $all after a position, in order, without system events, across pages', async () => {
    const { server, store } = await seeded();
    server.write('$stats-node', '$statsCollected', {});
    server.write('$$s-1', '$metadata', {});
    await store.append('s-2', newEvents(3), 'no-stream');
    const all = await store.readAll({ maxCount: 100 });
    expect(all.map((e) => `${e.streamId}@${e.streamVersion}`)).toEqual([
      's-1@0',
      's-1@1',
      's-1@2',
      's-1@3',
      's-1@4',
      's-2@0',
      's-2@1',
      's-2@2',
    ]);
    for (let i = 1; i < all.length; i += 1)
      expect(comparePositions(all[i - 1].position, all[i].position)).toBeLessThan(0);
    const after = await store.readAll({ after: all[3].position, maxCount: 3 });
    expect(after.map((e) => e.eventId)).toEqual(all.slice(4, 7).map((e) => e.eventId));
    expect(await store.readAll({ after: all[7].position, maxCount: 10 })).toEqual([]);
    expect(await store.readAll({ maxCount: 0 })).toEqual([]);
  });

  it('pages through a long run of system events without returning short', async () => {
    const { server, store } = storeOnFakeServer({ readPageSize: 3 });
    await store.append('s-1', newEvents(1), 'no-stream');
    for (let i = 0; i < 10; i += 1) server.write('$stats-node', '$statsCollected', {});
    await store.append('s-1', newEvents(1), 0);
    expect((await store.readAll({ maxCount: 2 })).map((e) => e.streamVersion)).toEqual([0, 1]);
  });

  it('still moves forward with a page size of 1', async () => {
    const { server, store } = storeOnFakeServer({ readPageSize: 1 });
    await store.append('s-1', newEvents(1), 'no-stream');
    server.write('$stats-node', '$statsCollected', {});
    await store.append('s-1', newEvents(2), 0);
    expect((await store.readAll({ maxCount: 5 })).map((e) => e.streamVersion)).toEqual([0, 1, 2]);
    expect(await store.headPosition()).toBe((await store.readStream('s-1'))[2]?.position);
  });

  it('the head is the newest non-system event, or undefined for an empty store', async () => {
    const { server, store } = storeOnFakeServer({ readPageSize: 2 });
    expect(await store.headPosition()).toBeUndefined();
    server.write('$stats-node', '$statsCollected', {});
    expect(await store.headPosition()).toBeUndefined();
    const { position } = await store.append('s-1', newEvents(2), 'no-stream');
    for (let i = 0; i < 5; i += 1) server.write('$stats-node', '$statsCollected', {});
    expect(await store.headPosition()).toBe(position);
  });

  it('an unavailable server is StoreUnavailableError on reads', async () => {
    const { server, store } = storeOnFakeServer();
    const client = server.clients[0];
    client.readAll = () => ({
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new UnavailableError()) }),
    });
    await expect(store.readAll({ maxCount: 1 })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
