import { Registry } from 'prom-client';
import { type ConsumerStatus, registerConsumerMetrics } from './consumer-metrics';

const calendar: ConsumerStatus = {
  name: 'calendar',
  state: 'running',
  position: '1042',
  lagEvents: 7,
  lagSeconds: 1.5,
  lastBatchEvents: 250,
  errorsTotal: 2,
  eventsTotal: 900,
};

describe('consumer metrics fed from a status function', () => {
  it('exposes position, lag, batch size, state, events and errors, reading the status once per scrape', async () => {
    const registry = new Registry();
    let reads = 0;
    registerConsumerMetrics(registry, 'projection', () => {
      reads += 1;
      return Promise.resolve([
        calendar,
        {
          ...calendar,
          name: 'reporting',
          position: undefined,
          lastBatchEvents: undefined,
          eventsTotal: undefined,
          state: 'standby',
        },
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
  });

  it('follows the status between scrapes and reports an unreadable status without failing the scrape', async () => {
    const registry = new Registry();
    let status: readonly ConsumerStatus[] | Error = [
      { ...calendar, name: 'kafka-publisher', state: 'live' },
    ];
    registerConsumerMetrics(
      registry,
      'publisher',
      () => (status instanceof Error ? Promise.reject(status) : Promise.resolve(status)),
      { cacheMs: 0 },
    );
    expect(await registry.metrics()).toContain(
      'publisher_errors_total{publisher="kafka-publisher"} 2',
    );
    status = [{ ...calendar, name: 'kafka-publisher', state: 'retrying', errorsTotal: 5 }];
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = await registry.metrics();
    expect(second).toContain('publisher_errors_total{publisher="kafka-publisher"} 5');
    expect(second).toContain('publisher_state{publisher="kafka-publisher",state="retrying"} 1');
    expect(second).not.toContain('state="live"');
    status = new Error('database down');
    await new Promise((resolve) => setTimeout(resolve, 2));
    const third = await registry.metrics();
    expect(third).toContain('publisher_status_up 0');
    expect(third).not.toContain('publisher_lag_events{');
  });
});
