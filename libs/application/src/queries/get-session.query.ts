import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Actor, SessionNotFoundError } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../ports';
import { sessionStateAt, type SessionStateView } from '../session-history';
import { mayRead } from './viewer';

export interface SessionView {
  readonly sessionId: string;
  readonly version: number;
  readonly state: SessionStateView;
}

/**
 * The current state, folded from the event store itself (always up to date, so `minPosition`
 * needs no wait here). Missing, deleted or another professional's: 404.
 */
export class GetSessionQuery extends Query<SessionView> {
  constructor(
    readonly sessionId: string,
    readonly viewer: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetSessionQuery)
export class GetSessionHandler implements IQueryHandler<GetSessionQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ sessionId, viewer }: GetSessionQuery): Promise<SessionView> {
    const answer = await sessionStateAt(
      this.store,
      sessionId,
      { version: Number.MAX_SAFE_INTEGER },
      viewer,
    );
    if (answer.kind !== 'state' || !mayRead(viewer, answer.professionalId)) {
      throw new SessionNotFoundError(sessionId);
    }
    return { sessionId, version: answer.version, state: answer.state };
  }
}
