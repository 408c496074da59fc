import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type Actor, SessionNotFoundError } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { EVENT_STORE } from '../ports';
import {
  readSessionHistory,
  type DeletedSessionAnswer,
  type SessionHistoryAnswer,
} from '../session-history';
import { mayRead } from './viewer';

export type HistoryView = Extract<SessionHistoryAnswer, { kind: 'history' }> | DeletedSessionAnswer;

/** Events with metadata; a deleted session answers its deletion record (the API's 410). */
export class GetSessionHistoryQuery extends Query<HistoryView> {
  constructor(
    readonly sessionId: string,
    readonly viewer: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetSessionHistoryQuery)
export class GetSessionHistoryHandler implements IQueryHandler<GetSessionHistoryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ sessionId, viewer }: GetSessionHistoryQuery): Promise<HistoryView> {
    const answer = await readSessionHistory(this.store, sessionId, viewer);
    if (answer.kind === 'not-found') throw new SessionNotFoundError(sessionId);
    // The former owner, auditors and admins see a deletion record; other professionals nothing.
    const owner =
      answer.kind === 'deleted' ? answer.deletion.professionalId : answer.professionalId;
    if (!mayRead(viewer, owner)) throw new SessionNotFoundError(sessionId);
    return answer;
  }
}
