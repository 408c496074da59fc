import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideSession,
  enabledPaymentMethods,
  initialSessionState,
  sessionStream,
} from '@app/domain';
import { DecideAndAppend } from '../handling';
import { CancelSessionCommand, type CancelSessionResult } from './cancel-session.command';

@CommandHandler(CancelSessionCommand)
export class CancelSessionHandler implements ICommandHandler<CancelSessionCommand> {
  constructor(private readonly commands: DecideAndAppend) {}

  execute({ input, request }: CancelSessionCommand): Promise<CancelSessionResult> {
    const { sessionId } = input;
    const { actor } = request;
    return this.commands.run(
      {
        session: { id: sessionId, ifDeleted: 'gone' },
        // Only the owner may cancel (anyone else gets 404), so the caller's workstation is the
        // session's: both are read at once.
        workstationOf: actor.userId,
        currentVersion: ({ session }) => session?.version ?? -1,
        decide: ({ session, workstation }, now) => ({
          streamId: sessionStream(sessionId),
          events: decideSession(
            {
              type: 'CancelSession',
              data: {
                ...input,
                actor,
                enabledMethods: enabledPaymentMethods(workstation?.events ?? []),
              },
            },
            session?.state ?? initialSessionState(),
            now,
          ),
          expectedVersion: session?.version ?? 'no-stream',
        }),
        result: ({ events, appended }) => {
          const first = appended.version - events.length + 1;
          return {
            sessionId,
            version: appended.version,
            position: appended.position,
            events: events.map((event, index) => ({
              eventId: event.eventId,
              type: event.type,
              streamVersion: first + index,
              schemaVersion: event.schemaVersion,
              data: event.data,
            })),
          };
        },
      },
      request,
    );
  }
}
