import { Registry } from 'prom-client';
import type { ProjectionAdmin } from './projection-admin';
import { registerProjectionAdminMetrics } from './projection-admin-metrics';

describe('projection metrics from the admin status', () => {
  it('exposes each projection’s and the publisher’s position and lag', async () => {
    const admin: ProjectionAdmin = {
      status: () =>
        Promise.resolve([
          {
            name: 'calendar',
            kind: 'projection',
            state: 'running',
            position: '12',
            lagEvents: 2,
            lagEventsExact: true,
            lagSeconds: 0.5,
            lastError: null,
          },
          {
            name: 'kafka-publisher',
            kind: 'publisher',
            state: 'live',
            position: null,
            lagEvents: 9,
            lagEventsExact: true,
            lagSeconds: 3,
            lastError: null,
          },
        ]),
      projections: () => ['calendar'],
      rebuild: () => Promise.reject(new Error('unused')),
    };
    const registry = new Registry();
    registerProjectionAdminMetrics(registry, admin);
    const text = await registry.metrics();
    expect(text).toContain('projection_position{projection="calendar"} 12');
    expect(text).toContain('projection_lag_events{projection="calendar"} 2');
    expect(text).toContain('publisher_lag_seconds{publisher="kafka-publisher"} 3');
    expect(text).not.toContain('projection_lag_events{projection="kafka-publisher"}');
  });
});
