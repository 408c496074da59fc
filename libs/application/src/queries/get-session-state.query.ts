import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Actor, SessionNotFoundError } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../ports';
import { sessionStateAt, type AsOf, type SessionStateAnswer } from '../session-history';
import { mayRead } from './viewer';

export type StateView = Extract<SessionStateAnswer, { kind: 'state' }>;

/** State as of a version or an instant, replayed from the event store. Deleted: 404. */
export class GetSessionStateQuery extends Query<StateView> {
  constructor(
    readonly sessionId: string,
    readonly asOf: AsOf,
    readonly viewer: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetSessionStateQuery)
export class GetSessionStateHandler implements IQueryHandler<GetSessionStateQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ sessionId, asOf, viewer }: GetSessionStateQuery): Promise<StateView> {
    const answer = await sessionStateAt(this.store, sessionId, asOf, viewer);
    if (answer.kind !== 'state' || !mayRead(viewer, answer.professionalId)) {
      throw new SessionNotFoundError(sessionId);
    }
    return answer;
  }
}
