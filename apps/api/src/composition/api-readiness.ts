import {
  consumerChecks,
  eventStoreReachable,
  sqlReachable,
  type Readiness,
} from '@app/platform/health';
import type { ConsumerStatuses } from './consumer-statuses';
import type { Stores } from './stores';

/**
 * The API's readiness: without the event store or the relational database (idempotency
 * records, checkpoints) no command can be served, so either unreachable is `down` (503); the
 * read-model store unreachable is `degraded` (commands still work, queries answer 503
 * themselves); each consumer of the log is up, `standby`, or `degraded` with its reasons named.
 */
export function apiReadiness(stores: Stores, consumers: ConsumerStatuses): Readiness[] {
  const readModels = stores.readModels.executor;
  return [
    eventStoreReachable(() => stores.eventStore.headPosition()),
    sqlReachable('database', stores.idempotencyDatabase, 'down'),
    sqlReachable('readModels', readModels, 'degraded', { kind: readModels.kind }),
    consumerChecks(
      () => consumers.names(),
      () => consumers.statuses(),
    ),
  ];
}
