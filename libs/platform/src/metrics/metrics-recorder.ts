import { Counter, type Registry } from 'prom-client';

/** Longest first: `session-deletion-<id>` belongs to `session-deletion`, not `session`. */
const CATEGORIES = ['session-deletion', 'session', 'workstation'] as const;

/**
 * `session-5d0c…` → `session`: the stream's category as a label. Only known categories are
 * named; anything else is `other`, so a label never carries an id and never grows unbounded.
 */
export function streamCategory(streamId: string): string {
  return CATEGORIES.find((category) => streamId.startsWith(`${category}-`)) ?? 'other';
}

/**
 * What the write side reports about the event store: appends, events appended and expected-version
 * conflicts, by stream category. The application calls it (or wraps its store with
 * instrumentEventStore); it is a plain class so non-Nest processes use it too.
 */
export class MetricsRecorder {
  private readonly appends: Counter<'category'>;
  private readonly events: Counter<'category'>;
  private readonly conflicts: Counter<'category'>;
  private readonly failures: Counter<'category'>;

  constructor(registry: Registry) {
    this.appends = new Counter({
      name: 'event_store_appends_total',
      help: 'Successful appends to the event store, by stream category',
      labelNames: ['category'],
      registers: [registry],
    });
    this.events = new Counter({
      name: 'event_store_appended_events_total',
      help: 'Events written by successful appends, by stream category',
      labelNames: ['category'],
      registers: [registry],
    });
    this.conflicts = new Counter({
      name: 'event_store_append_conflicts_total',
      help: 'Appends refused because the stream moved (wrong expected version), by stream category',
      labelNames: ['category'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'event_store_append_errors_total',
      help: 'Appends that failed for another reason (store unavailable, stream deleted, ...)',
      labelNames: ['category'],
      registers: [registry],
    });
  }

  appended(streamId: string, eventCount: number): void {
    const category = streamCategory(streamId);
    this.appends.inc({ category });
    this.events.inc({ category }, eventCount);
  }

  conflict(streamId: string): void {
    this.conflicts.inc({ category: streamCategory(streamId) });
  }

  appendFailed(streamId: string): void {
    this.failures.inc({ category: streamCategory(streamId) });
  }
}
