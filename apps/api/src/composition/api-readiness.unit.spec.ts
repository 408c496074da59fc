import type { ConsumerStatus } from '@app/consumers';
import { consumerStatus, setAsideSession } from '@app/consumers/testing';
import { runReadiness } from '@app/platform/health';
import { apiReadiness } from './api-readiness';
import type { ConsumerStatuses } from './consumer-statuses';
import type { Stores } from './stores';

const down = (message: string) => () => Promise.reject(new Error(message));

/** Stores whose probes answer, unless a test says one does not. */
function stores(failing: { eventStore?: boolean; database?: boolean; readModels?: boolean } = {}) {
  return {
    eventStore: {
      headPosition: failing.eventStore
        ? down('event store unreachable')
        : () => Promise.resolve('9'),
    },
    idempotencyDatabase: {
      query: failing.database ? down('database unreachable') : () => Promise.resolve([]),
    },
    readModels: {
      executor: {
        kind: 'postgres',
        query: failing.readModels ? down('read models unreachable') : () => Promise.resolve([]),
      },
    },
  } as unknown as Stores;
}

const consumers = (statuses: readonly ConsumerStatus[] | Error): ConsumerStatuses =>
  ({
    names: () => ['calendar', 'kafka-publisher'],
    statuses: () =>
      statuses instanceof Error ? Promise.reject(statuses) : Promise.resolve(statuses),
  }) as unknown as ConsumerStatuses;

const healthy = [consumerStatus(), consumerStatus({ name: 'kafka-publisher', kind: 'publisher' })];

describe('the API’s readiness, row by row of the operating contract', () => {
  it('is ok when everything answers', async () => {
    const answer = await runReadiness(apiReadiness(stores(), consumers(healthy)));
    expect(answer.status).toBe('ok');
    expect(Object.keys(answer.checks)).toEqual([
      'eventStore',
      'database',
      'readModels',
      'consumer:calendar',
      'consumer:kafka-publisher',
    ]);
  });

  it('is down when the event store is unreachable', async () => {
    const answer = await runReadiness(
      apiReadiness(stores({ eventStore: true }), consumers(healthy)),
    );
    expect(answer).toMatchObject({
      status: 'down',
      checks: { eventStore: { state: 'down', reason: 'event store unreachable' } },
    });
  });

  it('is down when the relational database (idempotency records, checkpoints) is unreachable', async () => {
    const answer = await runReadiness(apiReadiness(stores({ database: true }), consumers(healthy)));
    expect(answer).toMatchObject({ status: 'down', checks: { database: { state: 'down' } } });
  });

  it('is degraded, not down, when only the read-model store is unreachable (commands still work)', async () => {
    const answer = await runReadiness(
      apiReadiness(stores({ readModels: true }), consumers(new Error('read models unreachable'))),
    );
    expect(answer).toMatchObject({
      status: 'degraded',
      checks: {
        readModels: { state: 'degraded', reason: 'read models unreachable' },
        'consumer:calendar': { state: 'degraded' },
        'consumer:kafka-publisher': { state: 'degraded' },
      },
    });
  });

  it('is degraded, naming the consumer, with an error, with sessions set aside, or held back', async () => {
    const answer = await runReadiness(
      apiReadiness(
        stores(),
        consumers([
          consumerStatus({ state: 'retrying', lastError: 'deadlock detected' }),
          consumerStatus({ name: 'reporting', setAside: [setAsideSession('s-9')] }),
          consumerStatus({
            name: 'deletions',
            heldBack: {
              transactionId: '771',
              pid: 42,
              applicationName: 'psql',
              startedAt: '2026-03-01T12:00:00.000Z',
              ageMs: 20_000,
            },
          }),
        ]),
      ),
    );
    expect(answer).toMatchObject({
      status: 'degraded',
      checks: {
        'consumer:calendar': { state: 'degraded', reason: 'failing, retrying: deadlock detected' },
        'consumer:reporting': {
          state: 'degraded',
          reason: '1 session(s) set aside: s-9',
          setAside: ['s-9'],
        },
        'consumer:deletions': {
          state: 'degraded',
          reason: 'held back by transaction 771 (pid 42, psql), open for 20 s',
        },
      },
    });
  });

  it('is degraded when the publisher cannot reach Kafka', async () => {
    const answer = await runReadiness(
      apiReadiness(
        stores(),
        consumers([
          consumerStatus(),
          consumerStatus({
            name: 'kafka-publisher',
            kind: 'publisher',
            state: 'retrying',
            lastError: 'Kafka unavailable: Connection error: connect ECONNREFUSED 127.0.0.1:9',
          }),
        ]),
      ),
    );
    expect(answer).toMatchObject({
      status: 'degraded',
      checks: {
        'consumer:kafka-publisher': {
          state: 'degraded',
          reason: expect.stringContaining('Kafka unavailable'),
        },
      },
    });
  });

  it('counts a replica waiting on another’s lease as standby, which is up', async () => {
    const answer = await runReadiness(
      apiReadiness(stores(), consumers([consumerStatus({ state: 'standby' })])),
    );
    expect(answer).toMatchObject({
      status: 'ok',
      checks: { 'consumer:calendar': { state: 'standby', consumerState: 'standby' } },
    });
  });
});
