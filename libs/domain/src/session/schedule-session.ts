import {
  type Command,
  isIanaTimeZone,
  isIntegerInRange,
  isNonEmptyString,
  isOneOf,
  parseInstant,
  toUtcIso,
} from '../common';
import {
  InvalidCreditsError,
  InvalidCurrencyError,
  InvalidDurationError,
  InvalidFeeError,
  InvalidIdentifierError,
  InvalidPaymentKindError,
  InvalidStartError,
  InvalidTimeZoneError,
  SessionAlreadyExistsError,
} from '../errors';
import {
  type Fee,
  PAYMENT_KINDS,
  type SessionPayment,
  type SessionScheduled,
  type SessionScheduledData,
} from '../events';
import { isCurrencyCode } from '../money';
import { type SessionState } from './session-state';

export const MIN_DURATION_MINUTES = 5;
export const MAX_DURATION_MINUTES = 480;
export const DEFAULT_TIME_ZONE = 'UTC';

export type ScheduleSessionData = Readonly<{
  sessionId: string;
  professionalId: string;
  clientId: string;
  /** ISO-8601 instant with an offset; stored as UTC. */
  startsAt: string;
  /** IANA name; `UTC` when absent. */
  timeZone?: string;
  durationMinutes: number;
  fee: Fee;
  payment: SessionPayment;
}>;

export type ScheduleSession = Command<'ScheduleSession', ScheduleSessionData>;

function validPayment(payment: SessionPayment): SessionPayment {
  if (!isOneOf(PAYMENT_KINDS, payment?.kind)) throw new InvalidPaymentKindError();
  if (payment.kind === 'direct') return { kind: 'direct' };
  if (!isIntegerInRange(payment.credits, 1, Number.MAX_SAFE_INTEGER)) {
    throw new InvalidCreditsError();
  }
  return { kind: 'sponsored-credits', credits: payment.credits };
}

/**
 * The API validates the same rules at its edge; they are repeated here so that no other entry point
 * (CLI, import) can store a session the product could not have scheduled. Fields are checked in the
 * order of the request body and the first bad one is reported.
 */
export function validateSchedule(data: ScheduleSessionData): SessionScheduledData {
  for (const field of ['sessionId', 'professionalId', 'clientId'] as const) {
    if (!isNonEmptyString(data[field])) throw new InvalidIdentifierError(field);
  }
  const startsAtMs = parseInstant(data.startsAt);
  if (startsAtMs === undefined) throw new InvalidStartError();
  const timeZone = data.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isIanaTimeZone(timeZone)) throw new InvalidTimeZoneError();
  if (!isIntegerInRange(data.durationMinutes, MIN_DURATION_MINUTES, MAX_DURATION_MINUTES)) {
    throw new InvalidDurationError();
  }
  if (!isIntegerInRange(data.fee?.amountMinor, 0, Number.MAX_SAFE_INTEGER)) {
    throw new InvalidFeeError();
  }
  if (typeof data.fee.currency !== 'string' || !isCurrencyCode(data.fee.currency)) {
    throw new InvalidCurrencyError();
  }
  return {
    sessionId: data.sessionId,
    professionalId: data.professionalId,
    clientId: data.clientId,
    startsAt: toUtcIso(startsAtMs),
    timeZone,
    durationMinutes: data.durationMinutes,
    fee: { amountMinor: data.fee.amountMinor, currency: data.fee.currency },
    payment: validPayment(data.payment),
  };
}

/** 400 before 409; a deleted id stays taken, so the application must fold the deletion record in. */
export function decideSchedule(command: ScheduleSession, state: SessionState): SessionScheduled[] {
  const data = validateSchedule(command.data);
  if (state.status !== 'not-scheduled') {
    throw new SessionAlreadyExistsError(data.sessionId, state.status === 'deleted');
  }
  return [{ type: 'SessionScheduled', data }];
}
