import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pause } from '@app/event-store';
import { signDevToken } from '@app/platform';

/**
 * The concurrent load the ops tests put on a running API: clients that each schedule sessions
 * and cancel two in three (some charging the card, some notifying the client), optionally
 * reading their calendar in between. Every answer is recorded, so a test can then check that
 * what was answered 2xx is kept (acknowledged-writes.ts) and what else was answered.
 */
export type CommandKind = 'schedule' | 'cancel' | 'read';

export interface CommandRecord {
  readonly kind: CommandKind;
  readonly sessionId: string;
  readonly sentAt: number;
  readonly answeredAt: number;
  /** Undefined when no answer came (refused, reset, timed out). */
  readonly status: number | undefined;
  readonly contentType?: string;
  readonly retryAfter?: string;
  readonly error?: string;
  /** The events a 2xx cancel answered with. */
  readonly eventIds: readonly string[];
}

export interface Professional {
  readonly id: string;
  readonly token: string;
}

export const is2xx = (record: CommandRecord): boolean =>
  record.status !== undefined && record.status >= 200 && record.status < 300;

export const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
};

/** The next whole day but one: every cancellation of the load is more than 24 h ahead. */
export const firstLoadDay = (): number =>
  Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 86_400_000;

/** Professionals with tokens signed with `secret`, each with a card enabled on the workstation. */
export async function professionalsWithCards(
  apiBase: string,
  secret: string,
  prefix: string,
  count: number,
): Promise<Professional[]> {
  const professionals = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const id = `${prefix}-${i + 1}`;
      return { id, token: await signDevToken({ sub: id, role: 'professional' }, secret) };
    }),
  );
  // A card on every workstation: some cancellations charge, so ClientCharged travels too.
  for (const pro of professionals) {
    const response = await fetch(`${apiBase}/api/v1/workstations/${pro.id}/payment-methods`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${pro.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ methods: ['card'] }),
    });
    if (response.status !== 200) {
      throw new Error(`payment methods of ${pro.id}: ${response.status} ${await response.text()}`);
    }
  }
  return professionals;
}

export interface LoadOptions {
  readonly apiBase: string;
  readonly professionals: readonly Professional[];
  readonly firstDay: number;
  readonly clients: number;
  /** Sessions each client schedules at most (default: until `stop` says so). */
  readonly sessionsPerClient?: number;
  /** Read the client's calendar every this many sessions (default never). */
  readonly readEvery?: number;
  readonly requestTimeoutMs?: number;
  /** Called with every answer as it comes; true stops the client that got it. */
  readonly onAnswer?: (record: CommandRecord) => boolean | void;
  /** Checked before each session: true stops every client. */
  readonly stopped?: () => boolean;
  /** A client that got no 2xx waits this long before its next request (default 0). */
  readonly pauseAfterFailureMs?: number;
}

/** The calendar window the load's sessions fall in (two days from `firstDay`), with margins. */
export function loadWindow(firstDay: number): { from: string; to: string } {
  return {
    from: new Date(firstDay - 86_400_000).toISOString(),
    to: new Date(firstDay + 4 * 86_400_000).toISOString(),
  };
}

/** Runs the clients until each has scheduled its sessions or was told to stop. */
export class CommandLoad {
  readonly commands: CommandRecord[] = [];
  /** Every session id a schedule was sent for, answered or not. */
  readonly attempted: string[] = [];
  inFlight = 0;

  constructor(private readonly options: LoadOptions) {}

  async run(): Promise<void> {
    await Promise.all(Array.from({ length: this.options.clients }, (_, i) => this.client(i)));
  }

  private async send(
    kind: CommandKind,
    sessionId: string,
    pro: Professional,
    path: string,
    body?: unknown,
  ): Promise<{ record: CommandRecord; stop: boolean }> {
    const sentAt = performance.now();
    let status: number | undefined;
    let contentType: string | undefined;
    let retryAfter: string | undefined;
    let error: string | undefined;
    let eventIds: string[] = [];
    this.inFlight += 1;
    try {
      const response = await fetch(`${this.options.apiBase}/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          authorization: `Bearer ${pro.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 15_000),
      });
      const text = await response.text();
      status = response.status;
      contentType = response.headers.get('content-type') ?? undefined;
      retryAfter = response.headers.get('retry-after') ?? undefined;
      if (kind === 'cancel' && status === 200) {
        const answer = JSON.parse(text) as { events: Array<{ eventId: string }> };
        eventIds = answer.events.map((event) => event.eventId);
      }
    } catch (failure) {
      error = reasonOf(failure);
    } finally {
      this.inFlight -= 1;
    }
    const record: CommandRecord = {
      kind,
      sessionId,
      sentAt,
      answeredAt: performance.now(),
      status,
      ...(contentType === undefined ? {} : { contentType }),
      ...(retryAfter === undefined ? {} : { retryAfter }),
      ...(error === undefined ? {} : { error }),
      eventIds,
    };
    this.commands.push(record);
    const stop = this.options.onAnswer?.(record) === true;
    const pauseMs = this.options.pauseAfterFailureMs ?? 0;
    if (pauseMs > 0 && !stop && !is2xx(record)) await pause(pauseMs);
    return { record, stop };
  }

  private async client(index: number): Promise<void> {
    const { professionals, firstDay, sessionsPerClient = Infinity, readEvery } = this.options;
    const pro = professionals[index % professionals.length];
    const window = new URLSearchParams(loadWindow(firstDay));
    for (let n = 0; n < sessionsPerClient && this.options.stopped?.() !== true; n += 1) {
      const sessionId = randomUUID();
      this.attempted.push(sessionId);
      // Starts spread over two days, half an hour apart.
      const startsAt = new Date(firstDay + ((index * 1_000 + n) % 96) * 1_800_000);
      const scheduled = await this.send('schedule', sessionId, pro, '/sessions', {
        sessionId,
        professionalId: pro.id,
        clientId: `client-${index}-${n}`,
        startsAt: startsAt.toISOString(),
        timeZone: 'Europe/Berlin',
        durationMinutes: 50,
        fee: { amountMinor: 9000, currency: 'EUR' },
        payment: { kind: 'direct' },
      });
      if (scheduled.stop) return;
      if (is2xx(scheduled.record) && n % 3 !== 2) {
        const cancelled = await this.send(
          'cancel',
          sessionId,
          pro,
          `/sessions/${sessionId}/cancel`,
          {
            reason: 'cancelled-by-professional',
            notifyClient: n % 2 === 0,
            ...(n % 3 === 0 ? { charge: { method: 'card' } } : {}),
          },
        );
        if (cancelled.stop) return;
      }
      if (readEvery !== undefined && n % readEvery === readEvery - 1) {
        const read = await this.send('read', sessionId, pro, `/calendar?${window.toString()}`);
        if (read.stop) return;
      }
    }
  }
}
