import type { KafkaPublisher } from '@app/messaging';
import type { ConsumerStatus } from '@app/platform/metrics';
import type { ProjectionCounters } from './projection-counters';
import type { ProjectorRuntime } from './projector-runtime';

/** Each projection's status with its counters, in the shape metrics and health read. */
export async function projectionStatuses(
  runtime: ProjectorRuntime,
  counters: ProjectionCounters,
): Promise<ConsumerStatus[]> {
  const statuses = await runtime.status();
  return statuses.map((status) => ({
    name: status.name,
    state: status.state,
    position: status.position,
    lagEvents: status.lagEvents,
    lagSeconds: status.lagSeconds,
    ...counters.of(status.name),
  }));
}

/** The publisher's own status and its lag behind the store's head. */
export async function publisherStatuses(
  publisher: KafkaPublisher | undefined,
): Promise<ConsumerStatus[]> {
  if (publisher === undefined) return [];
  const status = publisher.status();
  const lag = await publisher.lag();
  return [
    {
      name: status.name,
      state: status.phase,
      position: status.position,
      lagEvents: lag.events,
      lagSeconds: lag.seconds,
      ...(status.lastBatch === undefined ? {} : { lastBatchEvents: status.lastBatch.events }),
      eventsTotal: status.totals.events,
      errorsTotal: status.errors.count,
    },
  ];
}
