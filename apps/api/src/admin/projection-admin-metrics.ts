import { registerConsumerMetrics } from '@app/platform/metrics';
import type { Registry } from 'prom-client';
import type { ProjectionAdmin } from './projection-admin';

/**
 * The consumers' metrics (`projection_*`, `publisher_*`, `consumer_degraded`,
 * `consumer_set_aside_streams`) read from the admin status on scrape, for an API that runs the
 * consumers itself (the embedded default). Where the projector app runs them, it exposes these:
 * register this there only if you want every API replica to read the checkpoints on every
 * scrape too.
 */
export function registerProjectionAdminMetrics(registry: Registry, admin: ProjectionAdmin): void {
  registerConsumerMetrics(registry, () => admin.status());
}
