import { toUtcIso } from '../common';
import {
  NoShowBeforeStartError,
  ReasonNotAllowedAfterEndError,
  SessionAlreadyCancelledError,
} from '../errors';
import { type SessionEvent } from '../events';
import { type CancelSession } from './cancel-session';
import { decideCharge } from './decide-charge';
import { findOwnedSession } from './find-owned-session';
import { noticeOf, sessionEndMs } from './notice';
import { type SessionState } from './session-state';
import { validateCancel } from './validate-cancel';

/** Reasons still accepted once the session is over: the client did not come, or something else. */
const AFTER_END_REASONS: readonly string[] = ['client-no-show', 'other'];

/**
 * Refusals follow the catalogue's order: 400 (request alone), 404 (missing, another's, deleted),
 * 409 (already cancelled), then the 422 rules: timing of the reason first, then the charge.
 * Accepted: SessionCancelled, then ClientCharged if charging, then NotificationRequested if
 * notifying, to be appended together.
 */
export function decideCancel(
  command: CancelSession,
  state: SessionState,
  now: Date,
): SessionEvent[] {
  const data = command.data;
  validateCancel(data);
  const existing = findOwnedSession(state, data.sessionId, data.actor);
  if (existing.status === 'cancelled') throw new SessionAlreadyCancelledError(data.sessionId);

  const session = existing.session;
  const startsAtMs = Date.parse(session.startsAt);
  const notice = noticeOf(startsAtMs, now);
  if (data.reason === 'client-no-show' && now.getTime() < startsAtMs) {
    throw new NoShowBeforeStartError();
  }
  // "Until the end" includes the end instant itself.
  const afterEnd = now.getTime() > sessionEndMs(startsAtMs, session.durationMinutes);
  if (afterEnd && !AFTER_END_REASONS.includes(data.reason)) {
    throw new ReasonNotAllowedAfterEndError(data.reason);
  }
  const charge = data.charge && decideCharge(data.charge, session, notice, data.enabledMethods);

  const events: SessionEvent[] = [
    {
      type: 'SessionCancelled',
      data: {
        reason: data.reason,
        ...(data.reason === 'other' ? { note: data.note } : {}),
        noticeMinutes: notice.minutes,
        late: notice.late,
        cancelledAt: toUtcIso(now.getTime()),
      },
    },
  ];
  if (charge) events.push({ type: 'ClientCharged', data: charge });
  if (data.notifyClient ?? true) {
    events.push({ type: 'NotificationRequested', data: { channel: 'default' } });
  }
  return events;
}
