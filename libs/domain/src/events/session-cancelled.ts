import { type Event } from '../common';

export const SESSION_CANCELLED = 'SessionCancelled';
export const SESSION_CANCELLED_SCHEMA_VERSION = 1;

export const CANCELLATION_REASONS = [
  'cancelled-by-professional',
  'cancelled-by-client',
  'client-no-show',
  'other',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export type SessionCancelledData = Readonly<{
  reason: CancellationReason;
  /** Only with `other`; private to the owning professional, never published. */
  note?: string;
  /** Notice floored to whole minutes; negative once the session has started. */
  noticeMinutes: number;
  /** Notice < 24 h, judged on exact milliseconds rather than on noticeMinutes. */
  late: boolean;
  cancelledAt: string;
}>;

export type SessionCancelled = Event<typeof SESSION_CANCELLED, SessionCancelledData>;
