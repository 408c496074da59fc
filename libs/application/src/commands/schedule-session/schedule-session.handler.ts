import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideSession, initialSessionState, sessionStream } from '@app/domain';
import { ID_GENERATOR, type IdGenerator } from '@app/platform';
import { DecideAndAppend } from '../handling';
import { ScheduleSessionCommand, type ScheduleSessionResult } from './schedule-session.command';

@CommandHandler(ScheduleSessionCommand)
export class ScheduleSessionHandler implements ICommandHandler<ScheduleSessionCommand> {
  constructor(
    private readonly commands: DecideAndAppend,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  execute({ input, request }: ScheduleSessionCommand): Promise<ScheduleSessionResult> {
    const sessionId = input.sessionId ?? this.ids.next();
    return this.commands.run(
      {
        session: { id: sessionId, ifDeleted: 'id-taken' },
        decide: ({ session }, now) => ({
          streamId: sessionStream(sessionId),
          events: decideSession(
            { type: 'ScheduleSession', data: { ...input, sessionId } },
            session?.state ?? initialSessionState(),
            now,
          ),
          expectedVersion: 'no-stream',
        }),
        result: ({ appended }) => ({
          sessionId,
          version: appended.version,
          position: appended.position,
        }),
      },
      request,
    );
  }
}
