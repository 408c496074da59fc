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
import { type SessionPayment } from '../events';
import {
  DeciderSpecification,
  scheduleSession,
  sessionCancelled,
  sessionDeleted,
  sessionScheduled,
} from '../testing';
import { type ScheduleSessionData } from './schedule-session';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
const nothing = spec.given([]);
const scheduled = (overrides: Partial<ScheduleSessionData> = {}) =>
  nothing.when(scheduleSession(overrides));

describe('Scheduling a session', () => {
  it('stores the start in UTC and keeps the time zone for display', () => {
    scheduled().then([sessionScheduled({ startsAt: '2026-03-10T10:00:00.000Z' })]);
  });

  it('uses UTC when no time zone is given', () => {
    scheduled({ timeZone: undefined }).then([sessionScheduled({ timeZone: 'UTC' })]);
  });

  it('accepts a session paid with sponsored credits', () => {
    const payment: SessionPayment = { kind: 'sponsored-credits', credits: 1 };
    scheduled({ payment }).then([sessionScheduled({ payment })]);
  });

  it('accepts a zero fee', () => {
    const fee = { amountMinor: 0, currency: 'EUR' };
    scheduled({ fee }).then([sessionScheduled({ fee })]);
  });

  it.each([5, 480])('accepts a duration of %i minutes', (durationMinutes) => {
    scheduled({ durationMinutes }).then([sessionScheduled({ durationMinutes })]);
  });

  it('accepts a start with fractional seconds and a negative offset', () => {
    scheduled({ startsAt: '2026-03-10T05:00:00.5-05:00' }).then([
      sessionScheduled({ startsAt: '2026-03-10T10:00:00.500Z' }),
    ]);
  });

  it('keeps only the payment fields of its kind', () => {
    scheduled({ payment: { kind: 'direct', credits: 3 } as unknown as SessionPayment }).then([
      sessionScheduled(),
    ]);
  });

  it.each([4, 481, 50.5, Number.NaN])('refuses a duration of %p minutes', (durationMinutes) => {
    scheduled({ durationMinutes }).thenThrows(InvalidDurationError);
  });

  it.each([5, 480])('accepts a duration of %p minutes (the bounds)', (durationMinutes) => {
    scheduled({ durationMinutes }).then([sessionScheduled({ durationMinutes })]);
  });

  it.each([0, 100_000_000])('accepts a fee of %p (the bounds)', (amountMinor) => {
    scheduled({ fee: { amountMinor, currency: 'EUR' } }).then([
      sessionScheduled({ fee: { amountMinor, currency: 'EUR' } }),
    ]);
  });

  it.each([-1, 1.5, Number.POSITIVE_INFINITY, 100_000_001, 2 ** 31, Number.MAX_SAFE_INTEGER])(
    'refuses a fee of %p',
    (amountMinor) => {
      scheduled({ fee: { amountMinor, currency: 'EUR' } }).thenThrows(InvalidFeeError);
    },
  );

  it.each(['eur', 'EURO', 'XAU', ''])('refuses the currency %p', (currency) => {
    scheduled({ fee: { amountMinor: 100, currency } }).thenThrows(InvalidCurrencyError);
  });

  it.each(['Mars/Olympus', '+02:00', ''])('refuses the time zone %p', (timeZone) => {
    scheduled({ timeZone }).thenThrows(InvalidTimeZoneError);
  });

  it.each([
    '2026-03-10T10:00:00',
    '2026-02-30T10:00:00Z',
    '2026-03-10T24:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-03-10T10:60:00Z',
    '2026-03-10T10:00:60Z',
    '2026-03-10T10:00:00+24:00',
    '2026-03-10T10:00:00+01:60',
    '2026-00-10T10:00:00Z',
    '2026-03-00T10:00:00Z',
    'tomorrow',
    // Out of the product's range: 2000-01-01T00:00:00Z inclusive to 2100-01-01T00:00:00Z exclusive.
    '0000-01-01T00:00:00Z',
    '1999-12-31T23:59:59.999Z',
    '2000-01-01T00:30:00+01:00',
    '2100-01-01T00:00:00Z',
    '9999-12-31T23:59-05:00',
  ])('refuses the start %p', (startsAt) => {
    scheduled({ startsAt }).thenThrows(InvalidStartError);
  });

  it('accepts 29 February in a leap year', () => {
    scheduled({ startsAt: '2028-02-29T10:00:00Z' }).then([
      sessionScheduled({ startsAt: '2028-02-29T10:00:00.000Z' }),
    ]);
  });

  it.each(['2000-01-01T00:00:00Z', '2099-12-31T23:59:59.999Z', '2099-12-31T20:00:00-03:59'])(
    'accepts the start %p (inside the bounds)',
    (startsAt) => {
      scheduled({ startsAt }).then([
        sessionScheduled({ startsAt: new Date(Date.parse(startsAt)).toISOString() }),
      ]);
    },
  );

  it.each([1, 1_000])('accepts %p sponsored credits (the bounds)', (credits) => {
    scheduled({ payment: { kind: 'sponsored-credits', credits } }).then([
      sessionScheduled({ payment: { kind: 'sponsored-credits', credits } }),
    ]);
  });

  it.each([0, -1, 1.5, 1_001, 2 ** 31, 2 ** 53 - 1])('refuses %p sponsored credits', (credits) => {
    scheduled({ payment: { kind: 'sponsored-credits', credits } }).thenThrows(InvalidCreditsError);
  });

  it('refuses an unknown payment kind', () => {
    scheduled({ payment: { kind: 'voucher' } as unknown as SessionPayment }).thenThrows(
      InvalidPaymentKindError,
    );
  });

  it.each(['sessionId', 'professionalId', 'clientId'] as const)('refuses an empty %s', (field) => {
    scheduled({ [field]: ' ' }).thenThrows(
      (error) => error instanceof InvalidIdentifierError && error.fields[0] === field,
    );
  });

  it.each([
    ['a NUL', 'client\u0000'],
    ['a control character', 'client\u0085'],
    ['a line break', 'client\n7'],
    ['a lone surrogate', 'client\ud800'],
    ['201 characters', 'c'.repeat(201)],
  ])('refuses a clientId with %s, naming it', (_what, clientId) => {
    scheduled({ clientId }).thenThrows(
      (error) => error instanceof InvalidIdentifierError && error.fields[0] === 'clientId',
    );
  });

  it('accepts ids of 200 characters, counted as code points', () => {
    const clientId = '🙂'.repeat(200);
    scheduled({ clientId }).then([sessionScheduled({ clientId })]);
  });

  it('refuses an id that exists (409)', () => {
    spec
      .given([sessionScheduled()])
      .when(scheduleSession())
      .thenThrows((error) => error instanceof SessionAlreadyExistsError && !error.deleted);
  });

  it('refuses an id whose session is cancelled (409)', () => {
    spec
      .given([sessionScheduled(), sessionCancelled()])
      .when(scheduleSession())
      .thenThrows(SessionAlreadyExistsError);
  });

  it('refuses an id that was deleted (409): ids never come back', () => {
    spec
      .given([sessionDeleted()])
      .when(scheduleSession())
      .thenThrows((error) => error instanceof SessionAlreadyExistsError && error.deleted);
  });

  it('checks the input (400) before the id (409)', () => {
    spec
      .given([sessionScheduled()])
      .when(scheduleSession({ durationMinutes: 1 }))
      .thenThrows('invalid-duration');
  });
});
