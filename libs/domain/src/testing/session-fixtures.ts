import { type Actor } from '../common';
import {
  type ClientCharged,
  type SessionCancelled,
  type SessionDeleted,
  type SessionScheduled,
  type SessionScheduledData,
} from '../events';
import {
  type CancelSession,
  type CancelSessionData,
  type DeleteSession,
  type ScheduleSession,
  type ScheduleSessionData,
} from '../session';

/** Builders with business defaults, so each test states only what its rule is about. */
export const SESSION_ID = 'session-1';
export const PROFESSIONAL_ID = 'pro-1';
export const STARTS_AT = '2026-03-10T10:00:00.000Z';
export const DURATION_MINUTES = 50;

export const professional = (userId = PROFESSIONAL_ID): Actor => ({ userId, role: 'professional' });
export const admin = (userId = 'admin-1'): Actor => ({ userId, role: 'admin' });

export function sessionScheduled(overrides: Partial<SessionScheduledData> = {}): SessionScheduled {
  return {
    type: 'SessionScheduled',
    data: {
      sessionId: SESSION_ID,
      professionalId: PROFESSIONAL_ID,
      clientId: 'client-1',
      startsAt: STARTS_AT,
      timeZone: 'Europe/Paris',
      durationMinutes: DURATION_MINUTES,
      fee: { amountMinor: 12000, currency: 'EUR' },
      payment: { kind: 'direct' },
      ...overrides,
    },
  };
}

export const sponsoredSessionScheduled = (credits = 2): SessionScheduled =>
  sessionScheduled({ payment: { kind: 'sponsored-credits', credits } });

export function sessionCancelled(
  overrides: Partial<SessionCancelled['data']> = {},
): SessionCancelled {
  return {
    type: 'SessionCancelled',
    data: {
      reason: 'cancelled-by-client',
      noticeMinutes: 1380,
      late: true,
      cancelledAt: '2026-03-09T11:00:00.000Z',
      ...overrides,
    },
  };
}

export const clientCharged = (amountMinor = 12000): ClientCharged => ({
  type: 'ClientCharged',
  data: { method: 'card', amountMinor, currency: 'EUR' },
});

export const sessionDeleted = (deletedAt = '2026-03-01T08:00:00.000Z'): SessionDeleted => ({
  type: 'SessionDeleted',
  data: {
    sessionId: SESSION_ID,
    professionalId: PROFESSIONAL_ID,
    deletedBy: professional(),
    deletedAt,
    reason: 'booked-by-mistake',
  },
});

export function scheduleSession(overrides: Partial<ScheduleSessionData> = {}): ScheduleSession {
  return {
    type: 'ScheduleSession',
    data: {
      sessionId: SESSION_ID,
      professionalId: PROFESSIONAL_ID,
      clientId: 'client-1',
      startsAt: '2026-03-10T11:00:00+01:00',
      timeZone: 'Europe/Paris',
      durationMinutes: DURATION_MINUTES,
      fee: { amountMinor: 12000, currency: 'EUR' },
      payment: { kind: 'direct' },
      ...overrides,
    },
  };
}

export function cancelSession(overrides: Partial<CancelSessionData> = {}): CancelSession {
  return {
    type: 'CancelSession',
    data: {
      sessionId: SESSION_ID,
      actor: professional(),
      reason: 'cancelled-by-client',
      enabledMethods: ['card', 'invoice', 'external'],
      ...overrides,
    },
  };
}

export const deleteSession = (actor: Actor = professional()): DeleteSession => ({
  type: 'DeleteSession',
  data: { sessionId: SESSION_ID, actor },
});

const MINUTE = 60_000;

/** An instant relative to the default session start: before(STARTS_AT, {hours: 24}). */
export function before(
  instant: string,
  { hours = 0, minutes = 0, ms = 0 }: { hours?: number; minutes?: number; ms?: number },
): Date {
  return new Date(Date.parse(instant) - (hours * 60 + minutes) * MINUTE - ms);
}

export function after(
  instant: string,
  { hours = 0, minutes = 0, ms = 0 }: { hours?: number; minutes?: number; ms?: number },
): Date {
  return new Date(Date.parse(instant) + (hours * 60 + minutes) * MINUTE + ms);
}
