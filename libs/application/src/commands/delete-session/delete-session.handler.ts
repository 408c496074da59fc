import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideSession,
  initialSessionState,
  sessionDeletionStream,
  sessionStream,
} from '@app/domain';
import { DecideAndAppend } from '../handling';
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
            { type: 'DeleteSession', data: { sessionId, actor: request.actor } },
            session?.state ?? initialSessionState(),
            now,
          ),
          expectedVersion: 'no-stream',
          deleteStreams: [sessionStream(sessionId)],
          purgeRecordsOf: sessionId,
        }),
        result: ({ appended }) => ({ sessionId, position: appended.position }),
      },
      request,
    );
  }
}
