import { type Bound, BOUNDS, boundViolation } from '../bounds';
import { type Command, isOneOf, parseInstant, toUtcIso } from '../common';
import {
  type DomainError,
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
import { type SessionState } from './session-state';

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

/** Throws the refusal `refuse` builds when `value` is outside `bound`. */
function guard(bound: Bound, value: unknown, refuse: (problem: string) => DomainError): void {
  const problem = boundViolation(bound, value);
  if (problem !== undefined) throw refuse(problem);
}

function validPayment(payment: SessionPayment): SessionPayment {
  if (!isOneOf(PAYMENT_KINDS, payment?.kind)) throw new InvalidPaymentKindError();
  if (payment.kind === 'direct') return { kind: 'direct' };
  guard(BOUNDS.credits, payment.credits, (problem) => new InvalidCreditsError(problem));
  return { kind: 'sponsored-credits', credits: payment.credits };
}

/**
 * The API validates the same bounds (BOUNDS) at its edge, naming every bad field; the decider
 * applies them again so that its decision holds on its own. Fields are checked in the order of
 * the request body and the first bad one is reported.
 */
function validateSchedule(data: ScheduleSessionData): SessionScheduledData {
  for (const field of ['sessionId', 'professionalId', 'clientId'] as const) {
    guard(BOUNDS.id, data[field], (problem) => new InvalidIdentifierError(field, problem));
  }
  guard(BOUNDS.instant, data.startsAt, (problem) => new InvalidStartError(problem));
  const timeZone = data.timeZone ?? DEFAULT_TIME_ZONE;
  guard(BOUNDS.timeZone, timeZone, (problem) => new InvalidTimeZoneError(problem));
  guard(BOUNDS.durationMinutes, data.durationMinutes, (p) => new InvalidDurationError(p));
  guard(BOUNDS.feeAmountMinor, data.fee?.amountMinor, (problem) => new InvalidFeeError(problem));
  guard(BOUNDS.currency, data.fee.currency, (problem) => new InvalidCurrencyError(problem));
  return {
    sessionId: data.sessionId,
    professionalId: data.professionalId,
    clientId: data.clientId,
    startsAt: toUtcIso(parseInstant(data.startsAt) as number),
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
