import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore, JsonObject, NewEvent } from '@app/event-store';
import {
  sessionDeletionStream as deletionStreamId,
  sessionStream as sessionStreamId,
  type CancellationReason,
  type ClientChargedData,
  type SessionPayment as Payment,
} from '@app/domain';

const metadata = (userId: string, occurredAt: string): NewEvent['metadata'] => ({
  occurredAt,
  actor: { userId, role: 'professional' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

const event = (
  type: string,
  data: JsonObject,
  actor: string,
  at: string,
  schemaVersion = 1,
): NewEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion,
  data,
  metadata: metadata(actor, at),
});

export interface ScheduleInput {
  readonly sessionId: string;
  readonly professionalId: string;
  readonly startsAt: string;
  readonly clientId?: string;
  readonly timeZone?: string;
  readonly durationMinutes?: number;
  readonly fee?: { readonly amountMinor: number; readonly currency: string };
  readonly payment?: Payment;
}

export interface CancelInput {
  readonly reason: CancellationReason;
  readonly note?: string;
  readonly cancelledAt: string;
  /** Derived from startsAt and cancelledAt when absent (floored minutes, exact late). */
  readonly startsAt?: string;
}

/** Writes session histories the way the command side would, for projection and history tests. */
export class SessionWriter {
  constructor(private readonly store: EventStore) {}

  schedule(input: ScheduleInput): Promise<AppendResult> {
    return this.scheduleMalformed(input, (data) => data);
  }

  /**
   * A SessionScheduled whose data is then changed as given (say, a string where the fee's
   * amountMinor is a number): an event no projection can apply, as an import or a bug writes.
   * `schedule` is this with no change.
   */
  scheduleMalformed(
    input: ScheduleInput,
    change: (data: JsonObject) => JsonObject,
  ): Promise<AppendResult> {
    const data: JsonObject = {
      sessionId: input.sessionId,
      professionalId: input.professionalId,
      clientId: input.clientId ?? `client-of-${input.sessionId}`,
      startsAt: input.startsAt,
      timeZone: input.timeZone ?? 'UTC',
      durationMinutes: input.durationMinutes ?? 50,
      fee: input.fee ?? { amountMinor: 12000, currency: 'EUR' },
      payment: input.payment ?? { kind: 'direct' },
    };
    return this.store.append(
      sessionStreamId(input.sessionId),
      [event('SessionScheduled', change(data), input.professionalId, input.startsAt)],
      'no-stream',
    );
  }

  /** One event of a session, of any type and data, appended as it is. */
  appendRaw(
    sessionId: string,
    type: string,
    data: JsonObject,
    actor: string,
    at: string,
  ): Promise<AppendResult> {
    return this.store.append(sessionStreamId(sessionId), [event(type, data, actor, at)], 'any');
  }

  /** Cancel, then the charge and the notification request when given: one atomic append. */
  async cancel(
    sessionId: string,
    professionalId: string,
    input: CancelInput & { readonly charge?: ClientChargedData; readonly notify?: boolean },
  ): Promise<AppendResult> {
    const startsAt = input.startsAt ?? (await this.startOf(sessionId));
    const noticeMs = Date.parse(startsAt) - Date.parse(input.cancelledAt);
    const cancelled: JsonObject = {
      reason: input.reason,
      noticeMinutes: Math.floor(noticeMs / 60_000),
      late: noticeMs < 24 * 60 * 60_000,
      cancelledAt: input.cancelledAt,
      ...(input.note === undefined ? {} : { note: input.note }),
    };
    const events = [event('SessionCancelled', cancelled, professionalId, input.cancelledAt)];
    if (input.charge) {
      events.push(
        event('ClientCharged', { ...input.charge }, professionalId, input.cancelledAt, 2),
      );
    }
    if (input.notify ?? true) {
      events.push(
        event('NotificationRequested', { channel: 'default' }, professionalId, input.cancelledAt),
      );
    }
    return this.store.append(sessionStreamId(sessionId), events, 'any');
  }

  /** The deletion record first, then the session's stream (docs/product.md "Delete"). */
  async delete(
    sessionId: string,
    professionalId: string,
    deletedAt: string,
    options: { readonly removeStream?: boolean } = {},
  ): Promise<AppendResult> {
    const record: JsonObject = {
      sessionId,
      professionalId,
      deletedBy: { userId: professionalId, role: 'professional' },
      deletedAt,
      reason: 'booked-by-mistake',
    };
    const result = await this.store.append(
      deletionStreamId(sessionId),
      [event('SessionDeleted', record, professionalId, deletedAt)],
      'no-stream',
    );
    if (options.removeStream ?? true) await this.store.deleteStream(sessionStreamId(sessionId));
    return result;
  }

  private async startOf(sessionId: string): Promise<string> {
    const [first] = await this.store.readStream(sessionStreamId(sessionId), { maxCount: 1 });
    const startsAt = first?.data.startsAt;
    if (typeof startsAt !== 'string') throw new Error(`No SessionScheduled for ${sessionId}`);
    return startsAt;
  }
}

/** A raw ClientCharged v2 event, e.g. to seed with an upcast error. */
export const clientChargedEvent = (
  data: JsonObject,
  actor: string,
  at: string,
  schemaVersion = 2,
): NewEvent => event('ClientCharged', data, actor, at, schemaVersion);
