import {
  type EventStore,
  pause,
  type Position,
  type RecordedEvent,
  StreamNotFoundError,
} from '@app/event-store';
import { type CommandRecord, is2xx, loadWindow, type Professional } from './command-load';

/**
 * The ops tests' proof that nothing answered 2xx was lost: every acknowledged command is in the
 * event store, and every session the store holds is in its professional's calendar and report in
 * the store's state, once the read models caught up with `head`.
 */
export interface AcknowledgedWritesCheck {
  readonly apiBase: string;
  readonly store: EventStore;
  readonly professionals: readonly Professional[];
  readonly firstDay: number;
  readonly commands: readonly CommandRecord[];
  /** Every session id a schedule was sent for. */
  readonly attempted: readonly string[];
  /** The store's head once the load ended: the read models are read at this position. */
  readonly head: Position;
  /** How long the read models may take to reach `head` (default 30 s). */
  readonly catchUpTimeoutMs?: number;
}

export interface AcknowledgedWritesOutcome {
  /** Every session the store holds, by id, with its events. */
  readonly stored: ReadonlyMap<string, readonly RecordedEvent[]>;
  readonly events: number;
  /** 2xx commands whose events are not in the store: must be empty. */
  readonly lostInStore: readonly string[];
  /** Stored sessions the calendar lacks or shows in another state: must be empty. */
  readonly wrongInCalendar: readonly string[];
  /** Calendar entries for sessions the store does not hold: must be empty. */
  readonly unknownInCalendar: readonly string[];
  /** Professionals whose report figures differ from the store's: must be empty. */
  readonly wrongInReports: readonly string[];
}

async function readSession(
  store: EventStore,
  sessionId: string,
): Promise<RecordedEvent[] | undefined> {
  try {
    return await store.readStream(`session-${sessionId}`);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}

/** GET `path` with `minPosition`, retried while the read models are behind (503), until 200. */
async function readCaughtUp<T>(
  check: AcknowledgedWritesCheck,
  pro: Professional,
  path: string,
  query: Record<string, string>,
): Promise<T> {
  const deadline = Date.now() + (check.catchUpTimeoutMs ?? 30_000);
  const search = new URLSearchParams({ ...query, minPosition: check.head });
  let last = '';
  while (Date.now() < deadline) {
    const response = await fetch(`${check.apiBase}/api/v1${path}?${search.toString()}`, {
      headers: { authorization: `Bearer ${pro.token}` },
    });
    if (response.status === 200) return (await response.json()) as T;
    last = `${response.status} ${await response.text()}`;
    await pause(200);
  }
  throw new Error(`${path} for ${pro.id} did not reach ${check.head}: ${last}`);
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export async function checkAcknowledgedWrites(
  check: AcknowledgedWritesCheck,
): Promise<AcknowledgedWritesOutcome> {
  const stored = new Map<string, readonly RecordedEvent[]>();
  for (const sessionId of check.attempted) {
    const events = await readSession(check.store, sessionId);
    if (events !== undefined) stored.set(sessionId, events);
  }

  const lostInStore: string[] = [];
  for (const command of check.commands.filter(is2xx)) {
    const events = stored.get(command.sessionId) ?? [];
    const ids = new Set(events.map((event) => event.eventId));
    if (command.kind === 'schedule' && events[0]?.type !== 'SessionScheduled') {
      lostInStore.push(`schedule ${command.sessionId}`);
    }
    if (command.kind === 'cancel') {
      const missing = command.eventIds.filter((id) => !ids.has(id));
      if (command.eventIds.length === 0 || missing.length > 0) {
        lostInStore.push(`cancel ${command.sessionId}: ${missing.join(', ')}`);
      }
    }
  }

  const calendar = new Map<string, Record<string, unknown>>();
  const wrongInReports: string[] = [];
  const professionalOf = (events: readonly RecordedEvent[]): unknown =>
    (events[0]?.data as { professionalId?: unknown } | undefined)?.professionalId;
  for (const pro of check.professionals) {
    const answer = await readCaughtUp<{ sessions: Array<Record<string, unknown>> }>(
      check,
      pro,
      '/calendar',
      loadWindow(check.firstDay),
    );
    for (const entry of answer.sessions) calendar.set(String(entry.sessionId), entry);

    const report = await readCaughtUp<{ totals: { scheduled: number; cancellations: number } }>(
      check,
      pro,
      '/reports/cancellations',
      {
        from: day(check.firstDay - 86_400_000),
        to: day(check.firstDay + 4 * 86_400_000),
        tz: 'UTC',
      },
    );
    const own = [...stored.values()].filter((events) => professionalOf(events) === pro.id);
    const expected = {
      scheduled: own.length,
      cancellations: own.filter((events) => events.some((e) => e.type === 'SessionCancelled'))
        .length,
    };
    const actual = {
      scheduled: report.totals.scheduled,
      cancellations: report.totals.cancellations,
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      wrongInReports.push(`${pro.id}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    }
  }

  const wrongInCalendar: string[] = [];
  for (const [sessionId, events] of stored) {
    const entry = calendar.get(sessionId);
    const types = new Set(events.map((event) => event.type));
    const expected = {
      status: types.has('SessionCancelled') ? 'cancelled' : 'scheduled',
      charged: types.has('ClientCharged'),
      notificationRequested: types.has('NotificationRequested'),
    };
    const actual =
      entry === undefined
        ? undefined
        : {
            status: entry.status,
            charged: entry.charge !== null,
            notificationRequested: entry.notificationRequested,
          };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      wrongInCalendar.push(
        `${sessionId}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`,
      );
    }
  }

  return {
    stored,
    events: [...stored.values()].reduce((sum, list) => sum + list.length, 0),
    lostInStore,
    wrongInCalendar,
    unknownInCalendar: [...calendar.keys()].filter((id) => !stored.has(id)),
    wrongInReports,
  };
}

/** Nothing acknowledged missing, nothing wrong or unknown in the read models. */
export function expectAllKept(outcome: AcknowledgedWritesOutcome): void {
  expect(outcome.lostInStore).toEqual([]);
  expect(outcome.wrongInCalendar).toEqual([]);
  expect(outcome.unknownInCalendar).toEqual([]);
  expect(outcome.wrongInReports).toEqual([]);
}
