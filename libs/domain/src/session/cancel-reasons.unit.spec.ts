import {
  after,
  before,
  cancelSession,
  DeciderSpecification,
  DURATION_MINUTES,
  sessionScheduled,
  STARTS_AT,
} from '../testing';
import {
  NoShowBeforeStartError,
  NoteNotAllowedError,
  NoteRequiredError,
  NoteTooLongError,
  InvalidReasonError,
  ReasonNotAllowedAfterEndError,
} from '../errors';
import { type CancellationReason } from '../events';
import { type CancelSessionData } from './cancel-session';
import { sessionDecider } from './session-decider';

const spec = DeciderSpecification.for(sessionDecider);
const given = spec.given([sessionScheduled()]);
const end = after(STARTS_AT, { minutes: DURATION_MINUTES });
const afterEnd = after(STARTS_AT, { minutes: DURATION_MINUTES, ms: 1 });
const dayBefore = before(STARTS_AT, { hours: 48 });

const cancelledEvent = (at: Date, reason: CancellationReason, note?: string) => {
  const ms = Date.parse(STARTS_AT) - at.getTime();
  return {
    type: 'SessionCancelled' as const,
    data: {
      reason,
      ...(note === undefined ? {} : { note }),
      noticeMinutes: Math.floor(ms / 60_000),
      late: ms < 24 * 3_600_000,
      cancelledAt: at.toISOString(),
    },
  };
};
const silent = (overrides: Partial<CancelSessionData>) =>
  cancelSession({ notifyClient: false, ...overrides });

describe('Reasons of a cancellation', () => {
  describe('client-no-show is accepted only from the session start on', () => {
    it('refuses a no-show one millisecond before the start', () => {
      given
        .at(before(STARTS_AT, { ms: 1 }))
        .when(silent({ reason: 'client-no-show' }))
        .thenThrows(NoShowBeforeStartError);
    });

    it('refuses a no-show a day before', () => {
      given
        .at(dayBefore)
        .when(silent({ reason: 'client-no-show' }))
        .thenThrows('no-show-before-start');
    });

    it('accepts a no-show at the start instant', () => {
      const at = new Date(STARTS_AT);
      given
        .at(at)
        .when(silent({ reason: 'client-no-show' }))
        .then([cancelledEvent(at, 'client-no-show')]);
    });

    it('accepts a no-show after the end', () => {
      const at = after(STARTS_AT, { hours: 5 });
      given
        .at(at)
        .when(silent({ reason: 'client-no-show' }))
        .then([cancelledEvent(at, 'client-no-show')]);
    });
  });

  describe('after the session end only client-no-show or other', () => {
    it.each(['cancelled-by-professional', 'cancelled-by-client'] as const)(
      'refuses %s one millisecond after the end',
      (reason) => {
        given.at(afterEnd).when(silent({ reason })).thenThrows(ReasonNotAllowedAfterEndError);
      },
    );

    it.each(['cancelled-by-professional', 'cancelled-by-client'] as const)(
      'accepts %s at the end instant itself (until the end, inclusive)',
      (reason) => {
        given
          .at(end)
          .when(silent({ reason }))
          .then([cancelledEvent(end, reason)]);
      },
    );

    it.each(['cancelled-by-professional', 'cancelled-by-client'] as const)(
      'accepts %s during the session',
      (reason) => {
        const at = after(STARTS_AT, { minutes: 10 });
        given
          .at(at)
          .when(silent({ reason }))
          .then([cancelledEvent(at, reason)]);
      },
    );

    it('accepts other after the end', () => {
      given
        .at(afterEnd)
        .when(silent({ reason: 'other', note: 'moved abroad' }))
        .then([cancelledEvent(afterEnd, 'other', 'moved abroad')]);
    });
  });

  describe('other requires a note of 1 to 500 characters', () => {
    it('refuses other without a note', () => {
      given
        .at(dayBefore)
        .when(silent({ reason: 'other' }))
        .thenThrows(NoteRequiredError);
    });

    it('refuses other with an empty note', () => {
      given
        .at(dayBefore)
        .when(silent({ reason: 'other', note: '' }))
        .thenThrows('note-required');
    });

    it('refuses other with a note of blanks only', () => {
      given
        .at(dayBefore)
        .when(silent({ reason: 'other', note: ' \n\t ' }))
        .thenThrows('note-required');
    });

    it('refuses a note of 501 characters', () => {
      given
        .at(dayBefore)
        .when(silent({ reason: 'other', note: 'x'.repeat(501) }))
        .thenThrows(NoteTooLongError);
    });

    it('accepts a note of exactly 500 characters', () => {
      const note = 'x'.repeat(500);
      given
        .at(dayBefore)
        .when(silent({ reason: 'other', note }))
        .then([cancelledEvent(dayBefore, 'other', note)]);
    });

    it('accepts a note of one character', () => {
      given
        .at(dayBefore)
        .when(silent({ reason: 'other', note: 'x' }))
        .then([cancelledEvent(dayBefore, 'other', 'x')]);
    });

    it.each([
      ['a NUL', 'moved\u0000'],
      ['a control character', 'moved\u001b[31m'],
      ['a lone surrogate', 'moved \ud800'],
    ])('refuses a note with %s (invalid-note)', (_what, note) => {
      given
        .at(dayBefore)
        .when(silent({ reason: 'other', note }))
        .thenThrows('invalid-note');
    });

    it('accepts tab, CR and LF in a note', () => {
      const note = 'first line\r\nsecond\tline';
      given
        .at(dayBefore)
        .when(silent({ reason: 'other', note }))
        .then([cancelledEvent(dayBefore, 'other', note)]);
    });

    it('counts characters, not UTF-16 units: 500 emoji fit', () => {
      const note = '🙂'.repeat(500);
      given
        .at(dayBefore)
        .when(silent({ reason: 'other', note }))
        .then([cancelledEvent(dayBefore, 'other', note)]);
    });

    it.each(['cancelled-by-professional', 'cancelled-by-client', 'client-no-show'] as const)(
      'refuses a note with reason %s',
      (reason) => {
        given
          .at(after(STARTS_AT, { minutes: 1 }))
          .when(silent({ reason, note: 'private' }))
          .thenThrows(NoteNotAllowedError);
      },
    );

    it('refuses even an empty note with another reason', () => {
      given
        .at(dayBefore)
        .when(silent({ note: '' }))
        .thenThrows('note-not-allowed');
    });
  });

  it('refuses a reason outside the four', () => {
    given
      .at(dayBefore)
      .when(silent({ reason: 'weather' as CancellationReason }))
      .thenThrows(InvalidReasonError);
  });

  it('keeps the note only in SessionCancelled, for reason other', () => {
    const at = dayBefore;
    given
      .at(at)
      .when(cancelSession({ reason: 'other', note: 'private' }))
      .then([
        cancelledEvent(at, 'other', 'private'),
        { type: 'NotificationRequested', data: { channel: 'default' } },
      ]);
  });
});
