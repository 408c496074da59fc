import { StoreUnavailableError, WrongExpectedVersionError } from '@app/event-store';
import { Registry } from 'prom-client';
import { instrumentEventWriter, type CountedPlan } from './instrument-event-writer';
import { MetricsRecorder } from './metrics-recorder';

class FakeWriter {
  constructor(private readonly outcome: () => Promise<string>) {}
  write(_plan: CountedPlan): Promise<string> {
    return this.outcome();
  }
}

const plan: CountedPlan = { append: { streamId: 'session-1', events: [{}, {}, {}] } };
const deletion: CountedPlan = { append: { streamId: 'session-deletion-1', events: [{}] } };

describe('instrumentEventWriter', () => {
  it('counts committed appends per category, conflicts and store failures, not the command’s own errors', async () => {
    const registry = new Registry();
    const recorder = new MetricsRecorder(registry);
    const ok = instrumentEventWriter(new FakeWriter(() => Promise.resolve('answer')), recorder);
    await expect(ok.write(plan)).resolves.toBe('answer');
    await expect(ok.write(deletion)).resolves.toBe('answer');
    const conflict = instrumentEventWriter(
      new FakeWriter(() => Promise.reject(new WrongExpectedVersionError('session-1', 2, 3))),
      recorder,
    );
    await expect(conflict.write(plan)).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const down = instrumentEventWriter(
      new FakeWriter(() => Promise.reject(new StoreUnavailableError('down'))),
      recorder,
    );
    await expect(down.write(plan)).rejects.toThrow('down');
    const rule = instrumentEventWriter(
      new FakeWriter(() => Promise.reject(new Error('idempotency key reused'))),
      recorder,
    );
    await expect(rule.write(plan)).rejects.toThrow('reused');

    const text = await registry.metrics();
    expect(text).toContain('event_store_appends_total{category="session"} 1');
    expect(text).toContain('event_store_appended_events_total{category="session"} 3');
    expect(text).toContain('event_store_appends_total{category="session-deletion"} 1');
    expect(text).toContain('event_store_append_conflicts_total{category="session"} 1');
    expect(text).toContain('event_store_append_errors_total{category="session"} 1');
  });
});
