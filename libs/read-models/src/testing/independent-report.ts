import type { RecordedEvent } from '@app/event-store';

/**
 * The cancellation report counted straight from raw events, sharing nothing with the projection
 * or its SQL: the oracle for the generated-history test. Days come from Intl, not PostgreSQL.
 */
interface SessionTally {
  professionalId: string;
  startsAt: string;
  reason?: string;
  late?: boolean;
  charge?: { method: string; amountMinor?: number; currency?: string; credits?: number };
  notified: boolean;
}

export interface OracleFigures {
  scheduled: number;
  cancellations: number;
  cancellationsByReason: Record<string, number>;
  lateCancellations: number;
  noShows: number;
  noShowRate: number | null;
  charged: Array<{ currency: string; method: string; amountMinor: number; count: number }>;
  creditsCharged: number;
  notificationsRequested: number;
  notificationShare: number | null;
}

/** A string field of raw event data (the oracle trusts the generator, not the guards). */
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const localDay = (instant: string, tz: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(instant));

function tallies(events: readonly RecordedEvent[]): Map<string, SessionTally> {
  const sessions = new Map<string, SessionTally>();
  const deleted = new Set<string>();
  for (const event of events) {
    const id = event.streamId.replace(/^session-(deletion-)?/, '');
    if (event.type === 'SessionDeleted') deleted.add(id);
    if (event.type === 'SessionScheduled') {
      sessions.set(id, {
        professionalId: text(event.data.professionalId),
        startsAt: text(event.data.startsAt),
        notified: false,
      });
    }
    const session = sessions.get(id);
    if (!session) continue;
    if (event.type === 'SessionCancelled') {
      session.reason = text(event.data.reason);
      session.late = event.data.late === true;
    }
    if (event.type === 'ClientCharged' && !event.upcastError) {
      const d = event.data;
      session.charge = {
        method: text(d.method),
        amountMinor: typeof d.amountMinor === 'number' ? d.amountMinor : undefined,
        currency: typeof d.currency === 'string' ? d.currency : undefined,
        credits: typeof d.credits === 'number' ? d.credits : undefined,
      };
    }
    if (event.type === 'NotificationRequested') session.notified = true;
  }
  for (const id of deleted) sessions.delete(id);
  return sessions;
}

function figures(list: readonly SessionTally[]): OracleFigures {
  const cancelled = list.filter((s) => s.reason !== undefined);
  const byReason: Record<string, number> = {
    'cancelled-by-professional': 0,
    'cancelled-by-client': 0,
    'client-no-show': 0,
    other: 0,
  };
  for (const s of cancelled) byReason[s.reason as string] = (byReason[s.reason as string] ?? 0) + 1;
  const charges = new Map<
    string,
    { currency: string; method: string; amountMinor: number; count: number }
  >();
  let credits = 0;
  for (const s of list) {
    if (s.charge?.method === 'sponsored-credits') credits += s.charge.credits ?? 0;
    else if (s.charge?.currency !== undefined) {
      const key = `${s.charge.currency} ${s.charge.method}`;
      const entry = charges.get(key) ?? {
        currency: s.charge.currency,
        method: s.charge.method,
        amountMinor: 0,
        count: 0,
      };
      entry.amountMinor += s.charge.amountMinor ?? 0;
      entry.count += 1;
      charges.set(key, entry);
    }
  }
  const noShows = byReason['client-no-show'] ?? 0;
  const notified = cancelled.filter((s) => s.notified).length;
  return {
    scheduled: list.length,
    cancellations: cancelled.length,
    cancellationsByReason: byReason,
    lateCancellations: cancelled.filter((s) => s.late === true && s.reason !== 'client-no-show')
      .length,
    noShows,
    noShowRate: list.length === 0 ? null : noShows / list.length,
    charged: [...charges.values()].sort((a, b) =>
      a.currency === b.currency ? (a.method < b.method ? -1 : 1) : a.currency < b.currency ? -1 : 1,
    ),
    creditsCharged: credits,
    notificationsRequested: notified,
    notificationShare: cancelled.length === 0 ? null : notified / cancelled.length,
  };
}

/** Totals and per-day and per-professional groups for [from, to) in tz. */
export function independentReport(
  events: readonly RecordedEvent[],
  from: string,
  to: string,
  tz: string,
): {
  totals: OracleFigures;
  byDay: Record<string, OracleFigures>;
  byProfessional: Record<string, OracleFigures>;
} {
  const inPeriod = [...tallies(events).values()]
    .map((s) => ({ s, day: localDay(s.startsAt, tz) }))
    .filter(({ day }) => day >= from && day < to);
  const group = (key: (s: SessionTally, day: string) => string): Record<string, OracleFigures> => {
    const buckets = new Map<string, SessionTally[]>();
    for (const { s, day } of inPeriod) {
      const k = key(s, day);
      buckets.set(k, [...(buckets.get(k) ?? []), s]);
    }
    return Object.fromEntries([...buckets.entries()].map(([k, list]) => [k, figures(list)]));
  };
  return {
    totals: figures(inPeriod.map(({ s }) => s)),
    byDay: group((_s, day) => day),
    byProfessional: group((s) => s.professionalId),
  };
}
