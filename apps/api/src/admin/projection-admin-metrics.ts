import { type ConsumerStatus, registerConsumerMetrics } from '@app/platform/metrics';
import type { Registry } from 'prom-client';
import type { ConsumerView, ProjectionAdmin } from './projection-admin';

const asStatus = (view: ConsumerView): ConsumerStatus => ({
  name: view.name,
  state: view.state,
  position: view.position ?? undefined,
  lagEvents: view.lagEvents,
  lagSeconds: view.lagSeconds,
  errorsTotal: 0,
});

/**
 * `projection_*` and `publisher_*` metrics read from the admin status on scrape, for an API that
 * runs the projections itself (the embedded default). Where the projector app runs them, it
 * exposes these with its batch sizes and error counts: register this there only if you want
 * every API replica to read the checkpoints on every scrape too.
 */
export function registerProjectionAdminMetrics(registry: Registry, admin: ProjectionAdmin): void {
  const of = (kind: ConsumerView['kind']) => async (): Promise<ConsumerStatus[]> =>
    (await admin.status()).filter((view) => view.kind === kind).map(asStatus);
  registerConsumerMetrics(registry, 'projection', of('projection'));
  registerConsumerMetrics(registry, 'publisher', of('publisher'));
}
