import { consumerHealth, type ConsumerStatus } from '../status/consumer-status';
import type { SetAsideSession } from '../store/set-aside';

/** A set-aside session as the store lists it, for status fixtures. */
export function setAsideSession(sessionId: string): SetAsideSession {
  return {
    sessionId,
    event: {
      streamId: `session-${sessionId}`,
      eventId: `event-of-${sessionId}`,
      type: 'SessionScheduled',
      position: '7',
    },
    errorCode: 'malformed-event',
    errorMessage: 'SessionScheduled.fee.amountMinor: expected an integer, got a string',
    setAsideAt: '2026-03-01T12:00:00.000Z',
    context: null,
    retry: { requestedAt: null, attempts: 0, lastError: null },
  };
}

/** A running, caught-up, healthy consumer's status with what a test changes; health follows. */
export function consumerStatus(
  overrides: Partial<Omit<ConsumerStatus, 'health'>> = {},
): ConsumerStatus {
  const base: Omit<ConsumerStatus, 'health'> = {
    name: 'calendar',
    kind: 'projection',
    state: 'running',
    generation: 1,
    position: '1042',
    lagEvents: 0,
    lagEventsExact: true,
    lagSeconds: 0,
    lastError: null,
    lastErrorAt: null,
    consecutiveErrors: 0,
    totals: { events: 900, errors: 0 },
    lastBatch: { events: 250, at: '2026-03-01T12:00:00.000Z' },
    setAside: [],
    setAsideCount: overrides.setAside?.length ?? 0,
    heldBack: null,
    source: 'this-process',
    reportedAt: null,
    ...overrides,
  };
  return { ...base, health: consumerHealth(base) };
}
