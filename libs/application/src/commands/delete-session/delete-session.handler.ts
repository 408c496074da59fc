import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chainOf } from '@app/audit';
import {
  decideSession,
  type RemovedEvent,
  initialSessionState,
  sessionDeletionStream,
  sessionStream,
} from '@app/domain';
import { DecideAndAppend, type LoadedSession } from '../handling';
import { DeleteSessionCommand, type DeleteSessionResult } from './delete-session.command';

/**
 * Deletion (docs/product.md "Delete"): the deletion record is appended expecting its stream not
 * to exist (exactly one delete wins), then the session's stream is deleted and its idempotency
 * records purged, all in one transaction on PostgreSQL/embedded. A repeated delete finds the
 * record, finishes a half-done delete and answers 404.
 */
@CommandHandler(DeleteSessionCommand)
export class DeleteSessionHandler implements ICommandHandler<DeleteSessionCommand> {
  constructor(private readonly commands: DecideAndAppend) {}

  execute({ sessionId, request }: DeleteSessionCommand): Promise<DeleteSessionResult> {
    return this.commands.run(
      {
        session: { id: sessionId, ifDeleted: 'finish-deletion' },
        currentVersion: ({ session }) => session?.version ?? -1,
        decide: ({ session }, now) => ({
          streamId: sessionDeletionStream(sessionId),
          events: decideSession(
            {
              type: 'DeleteSession',
              data: { sessionId, actor: request.actor, removedEvents: removedEvents(session) },
            },
            session?.state ?? initialSessionState(),
            now,
          ),
          expectedVersion: 'no-stream',
          // At exactly the version read: the record then lists every event removed.
          deleteStreams: [
            {
              streamId: sessionStream(sessionId),
              ...(session && session.version >= 0 ? { expectedVersion: session.version } : {}),
            },
          ],
          purgeRecordsOf: sessionId,
        }),
        result: ({ appended }) => ({ sessionId, position: appended.position }),
      },
      request,
    );
  }
}

/** What the deletion record lists of the session's events (docs/audit.md, "Deletion"). */
function removedEvents(session: LoadedSession | undefined): RemovedEvent[] {
  return (session?.events ?? []).map((event) => ({
    position: event.position,
    version: event.streamVersion,
    hash: chainOf(event.metadata)?.hash ?? null,
  }));
}
