import { parseInstant, ROLES } from '../common';
import { CHARGE_METHODS } from './client-charged';
import { isSessionEventType, type SessionEvent } from './domain-event';
import { WORKSTATION_PAYMENT_METHODS } from './payment-methods-configured';
import { CANCELLATION_REASONS } from './session-cancelled';
import { DELETION_REASON } from './session-deleted';
import { PAYMENT_KINDS } from './session-scheduled';
import { sessionStreamOf } from './streams';

/**
 * A stored event whose data does not have its type's shape (an older version wrote it, an import,
 * a bug): a consumer cannot apply it and sets its session aside rather than guess.
 */
export class MalformedEventError extends Error {
  readonly code = 'malformed-event';

  constructor(
    readonly type: string,
    /** The first offending field, e.g. `fee.amountMinor`. */
    readonly field: string,
    problem: string,
  ) {
    super(`${type}.${field}: ${problem}`);
    this.name = 'MalformedEventError';
  }
}

type Fields = Readonly<Record<string, unknown>>;

const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;

/** Field checks of one event's data; each throws MalformedEventError naming the field. */
class FieldReader {
  constructor(private readonly type: string) {}

  fail(field: string, problem: string): never {
    throw new MalformedEventError(this.type, field, problem);
  }

  object(value: unknown, field: string): Fields {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Fields;
    }
    return this.fail(field, `expected an object, got ${describe(value)}`);
  }

  text(value: unknown, field: string): string {
    if (typeof value === 'string' && value !== '') return value;
    return this.fail(field, `expected a non-empty string, got ${describe(value)}`);
  }

  integer(value: unknown, field: string): number {
    if (Number.isSafeInteger(value)) return value as number;
    return this.fail(field, `expected an integer, got ${describe(value)}`);
  }

  instant(value: unknown, field: string): string {
    if (parseInstant(value) !== undefined) return value as string;
    return this.fail(field, 'expected an ISO-8601 instant with an offset');
  }

  oneOf<T extends string>(values: readonly T[], value: unknown, field: string): T {
    if (typeof value === 'string' && (values as readonly string[]).includes(value)) {
      return value as T;
    }
    return this.fail(field, `expected one of ${values.join(', ')}`);
  }
}

function checkData(type: SessionEvent['type'], data: unknown): void {
  const read = new FieldReader(type);
  const d = read.object(data, 'data');
  switch (type) {
    case 'SessionScheduled': {
      read.text(d.sessionId, 'sessionId');
      read.text(d.professionalId, 'professionalId');
      read.text(d.clientId, 'clientId');
      read.instant(d.startsAt, 'startsAt');
      read.text(d.timeZone, 'timeZone');
      read.integer(d.durationMinutes, 'durationMinutes');
      const fee = read.object(d.fee, 'fee');
      read.integer(fee.amountMinor, 'fee.amountMinor');
      read.text(fee.currency, 'fee.currency');
      const payment = read.object(d.payment, 'payment');
      if (read.oneOf(PAYMENT_KINDS, payment.kind, 'payment.kind') === 'sponsored-credits') {
        read.integer(payment.credits, 'payment.credits');
      }
      return;
    }
    case 'SessionCancelled':
      read.oneOf(CANCELLATION_REASONS, d.reason, 'reason');
      if (d.note !== undefined && typeof d.note !== 'string') {
        read.fail('note', `expected a string, got ${describe(d.note)}`);
      }
      read.integer(d.noticeMinutes, 'noticeMinutes');
      if (typeof d.late !== 'boolean')
        read.fail('late', `expected a boolean, got ${describe(d.late)}`);
      read.instant(d.cancelledAt, 'cancelledAt');
      return;
    case 'ClientCharged':
      if (read.oneOf(CHARGE_METHODS, d.method, 'method') === 'sponsored-credits') {
        read.integer(d.credits, 'credits');
      } else {
        read.oneOf(WORKSTATION_PAYMENT_METHODS, d.method, 'method');
        read.integer(d.amountMinor, 'amountMinor');
        read.text(d.currency, 'currency');
      }
      return;
    case 'NotificationRequested':
      read.oneOf(['default'] as const, d.channel, 'channel');
      return;
    case 'SessionDeleted': {
      read.text(d.sessionId, 'sessionId');
      read.text(d.professionalId, 'professionalId');
      const by = read.object(d.deletedBy, 'deletedBy');
      read.text(by.userId, 'deletedBy.userId');
      read.oneOf(ROLES, by.role, 'deletedBy.role');
      read.instant(d.deletedAt, 'deletedAt');
      read.oneOf([DELETION_REASON] as const, d.reason, 'reason');
      return;
    }
  }
}

/** A session event read from the log, with the session its stream names. */
export type ReadSessionEvent = Readonly<{ sessionId: string; event: SessionEvent }>;

/**
 * Reads a stored event (after upcasting) strictly, for the consumers of the log: undefined when
 * it is not a session event (another stream, a type sessions do not fold, or a type this version
 * does not know: skipped, so newer writers do not stop older readers); the event when every field
 * has its type's shape and the session ids agree; otherwise MalformedEventError.
 */
export function readSessionEvent(recorded: {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
}): ReadSessionEvent | undefined {
  const stream = sessionStreamOf(recorded.streamId, recorded.type);
  if (stream === undefined || !isSessionEventType(recorded.type)) return undefined;
  checkData(recorded.type, recorded.data);
  const event = { type: recorded.type, data: recorded.data } as SessionEvent;
  if (
    (event.type === 'SessionScheduled' || event.type === 'SessionDeleted') &&
    event.data.sessionId !== stream.sessionId
  ) {
    throw new MalformedEventError(
      event.type,
      'sessionId',
      `names another session than its stream ${recorded.streamId}`,
    );
  }
  return { sessionId: stream.sessionId, event };
}
