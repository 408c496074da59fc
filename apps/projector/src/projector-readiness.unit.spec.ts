import type { ConsumerStatus } from '@app/consumers';
import { consumerStatus, setAsideSession } from '@app/consumers/testing';
import { runReadiness } from '@app/platform/health';
import { projectorReadiness } from './projector-process';
import type { ProjectorRuntime } from './projector-runtime';
import type { ProjectorStores } from './projector-stores';

const down = (message: string) => () => Promise.reject(new Error(message));

function stores(failing: { eventStore?: boolean; readModels?: boolean } = {}): ProjectorStores {
  return {
    eventStore: {
      headPosition: failing.eventStore
        ? down('event store unreachable')
        : () => Promise.resolve('9'),
    },
    readModels: {
      executor: {
        kind: 'postgres',
        query: failing.readModels ? down('database unreachable') : () => Promise.resolve([]),
      },
    },
  } as unknown as ProjectorStores;
}

const runtime = (statuses: readonly ConsumerStatus[] | Error): ProjectorRuntime =>
  ({
    consumerNames: () => ['calendar', 'kafka-publisher'],
    status: () =>
      statuses instanceof Error ? Promise.reject(statuses) : Promise.resolve(statuses),
  }) as unknown as ProjectorRuntime;

describe('the projector’s readiness, row by row of the operating contract', () => {
  it('is down when the event store is unreachable', async () => {
    const answer = await runReadiness(
      projectorReadiness(stores({ eventStore: true }), runtime([consumerStatus()])),
    );
    expect(answer).toMatchObject({ status: 'down', checks: { eventStore: { state: 'down' } } });
  });

  it('is down when the read-model database (which holds the checkpoints) is unreachable', async () => {
    const answer = await runReadiness(
      projectorReadiness(stores({ readModels: true }), runtime(new Error('database unreachable'))),
    );
    expect(answer).toMatchObject({
      status: 'down',
      checks: {
        readModels: { state: 'down', reason: 'database unreachable' },
        'consumer:calendar': { state: 'degraded' },
      },
    });
  });

  it('is degraded naming a consumer with sessions set aside, or whose publisher cannot reach Kafka', async () => {
    const answer = await runReadiness(
      projectorReadiness(
        stores(),
        runtime([
          consumerStatus({ setAside: [setAsideSession('s-1')] }),
          consumerStatus({
            name: 'kafka-publisher',
            kind: 'publisher',
            lastError: 'Kafka unavailable: connect ECONNREFUSED',
          }),
        ]),
      ),
    );
    expect(answer).toMatchObject({
      status: 'degraded',
      checks: {
        'consumer:calendar': { state: 'degraded', setAside: ['s-1'] },
        'consumer:kafka-publisher': { state: 'degraded' },
      },
    });
  });

  it('counts a standby replica as up', async () => {
    const answer = await runReadiness(
      projectorReadiness(stores(), runtime([consumerStatus({ state: 'standby' })])),
    );
    expect(answer).toMatchObject({
      status: 'ok',
      checks: { 'consumer:calendar': { state: 'standby' } },
    });
  });
});
