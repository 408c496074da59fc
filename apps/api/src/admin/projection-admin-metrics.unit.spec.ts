import { consumerStatus } from '@app/consumers/testing';
import { Registry } from 'prom-client';
import type { ProjectionAdmin } from './projection-admin';
import { registerProjectionAdminMetrics } from './projection-admin-metrics';

describe('consumer metrics from the admin status', () => {
  it('exposes each projection’s and the publisher’s position and lag, and whether it is degraded', async () => {
    const admin: ProjectionAdmin = {
      status: () =>
        Promise.resolve([
          consumerStatus({ position: '12', lagEvents: 2, lagSeconds: 0.5 }),
          consumerStatus({
            name: 'kafka-publisher',
            kind: 'publisher',
            position: null,
            lagEvents: 9,
            lagSeconds: 3,
          }),
        ]),
      projections: () => ['calendar'],
      consumers: () => ['calendar', 'kafka-publisher'],
      rebuild: () => Promise.reject(new Error('unused')),
      retry: () => Promise.reject(new Error('unused')),
    };
    const registry = new Registry();
    registerProjectionAdminMetrics(registry, admin);
    const text = await registry.metrics();
    expect(text).toContain('projection_position{projection="calendar"} 12');
    expect(text).toContain('projection_lag_events{projection="calendar"} 2');
    expect(text).toContain('publisher_lag_seconds{publisher="kafka-publisher"} 3');
    expect(text).not.toContain('projection_lag_events{projection="kafka-publisher"}');
    expect(text).toContain('consumer_degraded{consumer="kafka-publisher"} 0');
  });
});
