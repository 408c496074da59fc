import {
  type EventStore,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '@app/event-store';
import { Registry } from 'prom-client';
import { instrumentEventStore } from './instrument-event-store';
import { MetricsRecorder, streamCategory } from './metrics-recorder';

const refuse = (error: Error) => () => Promise.reject(error);

function fakeStore(append: EventStore['append']): EventStore {
  const unused = (): never => {
    throw new Error('not used');
  };
  return {
    append,
    readStream: unused,
    readStreams: unused,
    readAll: unused,
    subscribe: unused,
    headPosition: () => Promise.resolve('9'),
    deleteStream: unused,
    close: () => Promise.resolve(),
  };
}

describe('event store metrics', () => {
  it('names a stream by its category, never by its id', () => {
    expect(streamCategory('session-5d0c8f4e-3b7a-4c1e-9a55-0b7e2f1d9c11')).toBe('session');
    expect(streamCategory('session-deletion-5d0c')).toBe('session-deletion');
    expect(streamCategory('workstation-pro-1')).toBe('workstation');
    expect(streamCategory('$all')).toBe('other');
  });

  it('counts appends, events, conflicts and other failures of a wrapped store', async () => {
    const registry = new Registry();
    const recorder = new MetricsRecorder(registry);
    const ok = instrumentEventStore(
      fakeStore(() => Promise.resolve({ version: 1, position: '10' })),
      recorder,
    );
    const event = {
      eventId: 'e',
      type: 'T',
      schemaVersion: 1,
      data: {},
      metadata: {
        occurredAt: '',
        actor: { userId: 'u', role: 'admin' },
        correlationId: 'c',
        causationId: 'c',
      },
    };
    await expect(ok.append('session-1', [event, event], 'no-stream')).resolves.toEqual({
      version: 1,
      position: '10',
    });
    const conflicting = instrumentEventStore(
      fakeStore(refuse(new WrongExpectedVersionError('session-1', 0, 1))),
      recorder,
    );
    await expect(conflicting.append('session-1', [event], 0)).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    const down = instrumentEventStore(
      fakeStore(refuse(new StoreUnavailableError('down'))),
      recorder,
    );
    await expect(down.append('workstation-p', [event], 'any')).rejects.toThrow('down');
    await expect(ok.headPosition()).resolves.toBe('9');

    const text = await registry.metrics();
    expect(text).toContain('event_store_appends_total{category="session"} 1');
    expect(text).toContain('event_store_appended_events_total{category="session"} 2');
    expect(text).toContain('event_store_append_conflicts_total{category="session"} 1');
    expect(text).toContain('event_store_append_errors_total{category="workstation"} 1');
  });
});
