import { type Decider } from '../common';
import { type SessionEvent } from '../events';
import { type CancelSession } from './cancel-session';
import { decideCancel } from './decide-cancel';
import { type DeleteSession, decideDelete } from './delete-session';
import { evolveSession } from './evolve-session';
import { type ScheduleSession, decideSchedule } from './schedule-session';
import { initialSessionState, type SessionState } from './session-state';

export type SessionCommand = ScheduleSession | CancelSession | DeleteSession;

/** Throws a DomainError to refuse; the events returned are to be appended in this order. */
export function decideSession(
  command: SessionCommand,
  state: SessionState,
  now: Date,
): SessionEvent[] {
  switch (command.type) {
    case 'ScheduleSession':
      return decideSchedule(command, state);
    case 'CancelSession':
      return decideCancel(command, state, now);
    case 'DeleteSession':
      return decideDelete(command, state, now);
  }
}

export const sessionDecider: Decider<SessionCommand, SessionEvent, SessionState> = {
  decide: decideSession,
  evolve: evolveSession,
  initialState: initialSessionState,
};
