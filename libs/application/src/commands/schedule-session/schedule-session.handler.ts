import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideSession, SessionAlreadyExistsError, sessionStream } from '@app/domain';
import { StreamDeletedError } from '@app/event-store';
import { ID_GENERATOR, type IdGenerator } from '@app/platform';
import { answer, type CommandAnswer } from '../../answers/command-answer';
import { EVENT_WRITER, type EventWriter } from '../../ports';
import { EventEnvelopes, SessionLoader, withConcurrencyRetry } from '../../shared';
import { ScheduleSessionCommand } from './schedule-session.command';

@CommandHandler(ScheduleSessionCommand)
export class ScheduleSessionHandler implements ICommandHandler<ScheduleSessionCommand> {
  constructor(
    private readonly sessions: SessionLoader,
    private readonly envelopes: EventEnvelopes,
    @Inject(EVENT_WRITER) private readonly writer: EventWriter,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async execute(command: ScheduleSessionCommand): Promise<CommandAnswer> {
    const { input, context } = command;
    const sessionId = input.sessionId ?? this.ids.next();
    const causationId = this.envelopes.commandId();
    const streamId = sessionStream(sessionId);
    try {
      return await withConcurrencyRetry(streamId, async () => {
        const loaded = await this.sessions.load(sessionId);
        // An id never comes back, even when only the tombstone is left.
        if (loaded.streamDeleted) throw new SessionAlreadyExistsError(sessionId, true);
        const now = this.envelopes.now();
        const events = decideSession(
          { type: 'ScheduleSession', data: { ...input, sessionId } },
          loaded.state,
          now,
        );
        return this.writer.write({
          appends: [
            {
              streamId,
              events: this.envelopes.wrap(events, context.actor, causationId, now),
              expectedVersion: 'no-stream',
            },
          ],
          finishWrites: context.idempotency !== undefined,
          finish: async ([result], sql) => {
            const reply = answer(
              201,
              { sessionId, version: result?.version ?? 0, position: result?.position ?? '0' },
              { location: `/api/v1/sessions/${encodeURIComponent(sessionId)}` },
            );
            await context.idempotency?.complete(sql, reply, sessionId);
            return reply;
          },
        });
      });
    } catch (error) {
      if (error instanceof StreamDeletedError) throw new SessionAlreadyExistsError(sessionId, true);
      throw error;
    }
  }
}
