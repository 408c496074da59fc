import { randomUUID } from 'node:crypto';
import type { Api, ApiResponse } from './api-harness';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export interface ScheduleOptions {
  readonly sessionId?: string;
  readonly professionalId?: string;
  /** Milliseconds from the pinned clock's now (default: 3 days ahead). */
  readonly startsIn?: number;
  readonly feeMinor?: number;
  readonly payment?: { kind: 'direct' } | { kind: 'sponsored-credits'; credits: number };
}

export function scheduleBody(api: Api, options: ScheduleOptions = {}): Record<string, unknown> {
  const startsAt = new Date(api.clock.now().getTime() + (options.startsIn ?? 3 * DAY));
  return {
    sessionId: options.sessionId ?? randomUUID(),
    professionalId: options.professionalId ?? 'pro-1',
    clientId: 'client-1',
    startsAt: startsAt.toISOString(),
    timeZone: 'Europe/Paris',
    durationMinutes: 50,
    fee: { amountMinor: options.feeMinor ?? 12000, currency: 'EUR' },
    payment: options.payment ?? { kind: 'direct' },
  };
}

/** Schedules a session as its professional; fails the test unless 201. */
export async function schedule(api: Api, options: ScheduleOptions = {}): Promise<string> {
  const body = scheduleBody(api, options);
  const response = await api.request({
    method: 'POST',
    url: '/api/v1/sessions',
    as: { role: 'professional', sub: String(body.professionalId) },
    body,
  });
  expectStatus(response, 201);
  return String(body.sessionId);
}

export function expectStatus(response: ApiResponse, status: number): void {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
  }
}

export const cancelUrl = (id: string): string => `/api/v1/sessions/${id}/cancel`;
export const sessionUrl = (id: string): string => `/api/v1/sessions/${id}`;
