import { consumerStatus, setAsideSession } from '@app/consumers/testing';
import type { ConsumerStatus } from '@app/consumers';
import { Registry } from 'prom-client';
import { registerConsumerMetrics } from './consumer-metrics';

const calendar = consumerStatus({
  lagEvents: 7,
  lagSeconds: 1.5,
  totals: { events: 900, errors: 2 },
});

describe('consumer metrics fed from a status function', () => {
  it('exposes position, lag, batch size, state, events and errors per kind, reading the status once per scrape', async () => {
    const registry = new Registry();
    let reads = 0;
    registerConsumerMetrics(registry, () => {
      reads += 1;
      return Promise.resolve([
        calendar,
        consumerStatus({ name: 'reporting', position: null, lastBatch: null, state: 'standby' }),
        consumerStatus({ name: 'kafka-publisher', kind: 'publisher', lagEvents: 3 }),
      ]);
    });
    const text = await registry.metrics();
    expect(reads).toBe(1);
    expect(text).toContain('projection_position{projection="calendar"} 1042');
    expect(text).not.toContain('projection_position{projection="reporting"}');
    expect(text).toContain('projection_lag_events{projection="calendar"} 7');
    expect(text).toContain('projection_lag_seconds{projection="calendar"} 1.5');
    expect(text).toContain('projection_last_batch_events{projection="calendar"} 250');
    expect(text).toContain('projection_errors_total{projection="calendar"} 2');
    expect(text).toContain('projection_events_total{projection="calendar"} 900');
    expect(text).toContain('projection_state{projection="reporting",state="standby"} 1');
    expect(text).toContain('projection_status_up 1');
    expect(text).toContain('publisher_lag_events{publisher="kafka-publisher"} 3');
    expect(text).not.toContain('projection_lag_events{projection="kafka-publisher"}');
  });

  it('names degraded consumers and set-aside sessions for alerts', async () => {
    const registry = new Registry();
    registerConsumerMetrics(registry, () =>
      Promise.resolve([
        calendar,
        consumerStatus({
          name: 'reporting',
          setAside: [setAsideSession('s-1'), setAsideSession('s-2')],
        }),
        consumerStatus({
          name: 'kafka-publisher',
          kind: 'publisher',
          lastError: 'Kafka unavailable',
        }),
      ]),
    );
    const text = await registry.metrics();
    expect(text).toContain('consumer_degraded{consumer="calendar"} 0');
    expect(text).toContain('consumer_degraded{consumer="reporting"} 1');
    expect(text).toContain('consumer_degraded{consumer="kafka-publisher"} 1');
    expect(text).toContain('consumer_set_aside_streams{consumer="reporting"} 2');
    expect(text).toContain('consumer_set_aside_streams{consumer="calendar"} 0');
    expect(text).toContain('consumer_set_aside_session{consumer="reporting",session="s-1"} 1');
  });

  it('follows the status between scrapes and reports an unreadable status without failing the scrape', async () => {
    const registry = new Registry();
    const publisher = { name: 'kafka-publisher', kind: 'publisher' as const };
    let status: readonly ConsumerStatus[] | Error = [
      consumerStatus({ ...publisher, totals: { events: 1, errors: 2 } }),
    ];
    registerConsumerMetrics(
      registry,
      () => (status instanceof Error ? Promise.reject(status) : Promise.resolve(status)),
      { cacheMs: 0 },
    );
    expect(await registry.metrics()).toContain(
      'publisher_errors_total{publisher="kafka-publisher"} 2',
    );
    status = [
      consumerStatus({ ...publisher, state: 'retrying', totals: { events: 1, errors: 5 } }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = await registry.metrics();
    expect(second).toContain('publisher_errors_total{publisher="kafka-publisher"} 5');
    expect(second).toContain('publisher_state{publisher="kafka-publisher",state="retrying"} 1');
    expect(second).not.toContain('state="running"');
    status = new Error('database down');
    await new Promise((resolve) => setTimeout(resolve, 2));
    const third = await registry.metrics();
    expect(third).toContain('publisher_status_up 0');
    expect(third).not.toContain('publisher_lag_events{');
  });
});
