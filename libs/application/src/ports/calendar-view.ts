import type { CancellationReason, SessionPayment as Payment } from '@app/domain';
import type { Position } from '@app/event-store';

export type CalendarCharge =
  | {
      readonly method: 'card' | 'invoice' | 'external';
      readonly amountMinor: number;
      readonly currency: string;
    }
  | { readonly method: 'sponsored-credits'; readonly credits: number }
  /** A legacy charge whose data could not be upcast: shown as such, never as a wrong amount. */
  | { readonly method: 'unreadable'; readonly upcastError: string };

export interface CalendarEntry {
  readonly sessionId: string;
  readonly professionalId: string;
  readonly clientId: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly timeZone: string;
  readonly durationMinutes: number;
  readonly fee: { readonly amountMinor: number; readonly currency: string };
  readonly payment: Payment;
  readonly status: 'scheduled' | 'cancelled';
  readonly reason: CancellationReason | null;
  readonly reasonLabel: string | null;
  readonly late: boolean | null;
  readonly noticeMinutes: number | null;
  readonly cancelledAt: string | null;
  /** True when the cancellation carries a private note, whoever asks. */
  readonly hasPrivateNote: boolean;
  /** The note itself: only in the owner's answer. */
  readonly note?: string;
  readonly charge: CalendarCharge | null;
  readonly notificationRequested: boolean;
}

export interface CalendarQuery {
  readonly professionalId: string;
  /** ISO instants: sessions overlapping [from, to). */
  readonly from: string;
  readonly to: string;
  /** Who asks: the note is returned only when this is the session's professional. */
  readonly viewer: { readonly userId: string; readonly role: string };
}

export interface CalendarAnswer {
  readonly professionalId: string;
  readonly from: string;
  readonly to: string;
  readonly position: Position | undefined;
  /**
   * Sessions of this calendar that the projection set aside (an event of theirs could not be
   * applied): their entries are missing or stale until an operator retries them.
   */
  readonly setAside: readonly string[];
  readonly sessions: readonly CalendarEntry[];
}
