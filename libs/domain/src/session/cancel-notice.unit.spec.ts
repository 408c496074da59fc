import {
  before,
  after,
  cancelSession,
  DeciderSpecification,
  sessionScheduled,
  STARTS_AT,
} from '../testing';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
const cancelled = (at: Date, noticeMinutes: number, late: boolean) => ({
  type: 'SessionCancelled' as const,
  data: {
    reason: 'cancelled-by-client' as const,
    noticeMinutes,
    late,
    cancelledAt: at.toISOString(),
  },
});

describe('Notice and lateness of a cancellation', () => {
  it('is not late with exactly 24 hours of notice', () => {
    const at = before(STARTS_AT, { hours: 24 });
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled(at, 1440, false)]);
  });

  it('is late with 23 h 59 min of notice', () => {
    const at = before(STARTS_AT, { hours: 23, minutes: 59 });
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled(at, 1439, true)]);
  });

  it('is late one millisecond short of 24 hours, though noticeMinutes still floors to 1439', () => {
    const at = before(STARTS_AT, { hours: 23, minutes: 59, ms: 59_999 });
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled(at, 1439, true)]);
  });

  it('is not late with more than 24 hours of notice', () => {
    const at = before(STARTS_AT, { hours: 72, ms: 30_000 });
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled(at, 72 * 60, false)]);
  });

  it('has zero notice, and is late, at the start instant', () => {
    const at = new Date(STARTS_AT);
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled(at, 0, true)]);
  });

  it('has a negative notice after the start, floored: 1 ms after the start is -1 minute', () => {
    const at = after(STARTS_AT, { ms: 1 });
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled(at, -1, true)]);
  });

  it('floors a negative notice of 10 min 30 s to -11 minutes', () => {
    const at = after(STARTS_AT, { minutes: 10, ms: 30_000 });
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled(at, -11, true)]);
  });

  it('floors a positive notice of 90.5 min to 90 minutes', () => {
    const at = before(STARTS_AT, { minutes: 90, ms: 30_000 });
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([cancelled(at, 90, true)]);
  });

  it('records the cancellation time in UTC', () => {
    const at = new Date('2026-03-01T08:15:00+01:00');
    spec
      .given([sessionScheduled()])
      .at(at)
      .when(cancelSession({ notifyClient: false }))
      .then([
        {
          type: 'SessionCancelled',
          data: {
            reason: 'cancelled-by-client',
            noticeMinutes: Math.floor((Date.parse(STARTS_AT) - at.getTime()) / 60_000),
            late: false,
            cancelledAt: '2026-03-01T07:15:00.000Z',
          },
        },
      ]);
  });
});
