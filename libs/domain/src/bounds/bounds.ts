import {
  CANCELLATION_REASONS,
  CHARGE_METHODS,
  PAYMENT_KINDS,
  WORKSTATION_PAYMENT_METHODS,
} from '../events';
import { CURRENCY_CODES } from '../money';
import type {
  ChoiceBound,
  DateBound,
  InstantBound,
  IntegerBound,
  TextBound,
  TimeZoneBound,
  UuidBound,
} from './bound';

/** Instants and dates the product deals in: from 2000-01-01 to before 2100-01-01 (UTC). */
const EARLIEST = '2000-01-01T00:00:00Z';
const BEFORE = '2100-01-01T00:00:00Z';

/**
 * Every bound of the product's input, in one place. Commands and queries are checked against it
 * (the API's DTOs, then the deciders as a guard); stored events never are (old events are upcast,
 * not refused). Out of range is a 400 naming the field, before anything is written.
 */
export const BOUNDS = {
  /** Ids: professionalId, clientId, session ids in paths, a token's `sub`. */
  id: {
    kind: 'text',
    minLength: 1,
    maxLength: 200,
    allowedControls: [],
    notBlank: true,
  } satisfies TextBound,
  /** The private note of a cancellation for reason `other`; it may span lines. */
  note: {
    kind: 'text',
    minLength: 1,
    maxLength: 500,
    allowedControls: ['\t', '\n', '\r'],
    notBlank: true,
  } satisfies TextBound,
  /** `startsAt` and every instant of a query. */
  instant: { kind: 'instant', from: EARLIEST, before: BEFORE } satisfies InstantBound,
  /** The dates of a report (`from`, `to`), in the report's time zone. */
  date: {
    kind: 'date',
    from: EARLIEST.slice(0, 10),
    before: BEFORE.slice(0, 10),
  } satisfies DateBound,
  durationMinutes: { kind: 'integer', minimum: 5, maximum: 480 } satisfies IntegerBound,
  feeAmountMinor: { kind: 'integer', minimum: 0, maximum: 100_000_000 } satisfies IntegerBound,
  /** Above the session's fee is a 422 (a rule), not a bound. */
  chargeAmountMinor: { kind: 'integer', minimum: 1, maximum: 100_000_000 } satisfies IntegerBound,
  credits: { kind: 'integer', minimum: 1, maximum: 1_000 } satisfies IntegerBound,
  timeZone: { kind: 'time-zone', maxLength: 64 } satisfies TimeZoneBound,
  currency: { kind: 'choice', values: CURRENCY_CODES } satisfies ChoiceBound,
  /** A session id a client chooses when scheduling (generated when absent). */
  newSessionId: { kind: 'uuid' } satisfies UuidBound,
  reason: { kind: 'choice', values: CANCELLATION_REASONS } satisfies ChoiceBound,
  chargeMethod: { kind: 'choice', values: CHARGE_METHODS } satisfies ChoiceBound,
  paymentKind: { kind: 'choice', values: PAYMENT_KINDS } satisfies ChoiceBound,
  workstationMethod: { kind: 'choice', values: WORKSTATION_PAYMENT_METHODS } satisfies ChoiceBound,
} as const;

/**
 * JSON bodies nested deeper than this are refused before anything walks them (a few thousand
 * levels would exhaust the stack of any recursive validator).
 */
export const MAX_JSON_NESTING_DEPTH = 32;

/** The bounded fields of each request, by path: what an OpenAPI generator reads. */
export const REQUEST_BOUNDS = {
  scheduleSession: {
    sessionId: BOUNDS.newSessionId,
    professionalId: BOUNDS.id,
    clientId: BOUNDS.id,
    startsAt: BOUNDS.instant,
    timeZone: BOUNDS.timeZone,
    durationMinutes: BOUNDS.durationMinutes,
    'fee.amountMinor': BOUNDS.feeAmountMinor,
    'fee.currency': BOUNDS.currency,
    'payment.kind': BOUNDS.paymentKind,
    'payment.credits': BOUNDS.credits,
  },
  cancelSession: {
    reason: BOUNDS.reason,
    note: BOUNDS.note,
    'charge.method': BOUNDS.chargeMethod,
    'charge.amountMinor': BOUNDS.chargeAmountMinor,
  },
  configurePaymentMethods: {
    'methods[]': BOUNDS.workstationMethod,
  },
  /** Path parameters: `{id}`, `{professionalId}`. */
  path: { id: BOUNDS.id, professionalId: BOUNDS.id },
  instantRangeQuery: { from: BOUNDS.instant, to: BOUNDS.instant, professionalId: BOUNDS.id },
  reportQuery: {
    from: BOUNDS.date,
    to: BOUNDS.date,
    tz: BOUNDS.timeZone,
    professionalId: BOUNDS.id,
  },
  stateQuery: { at: BOUNDS.instant },
} as const;
