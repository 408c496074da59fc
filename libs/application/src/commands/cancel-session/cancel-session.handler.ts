import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  decideSession,
  enabledPaymentMethods,
  SessionNotFoundError,
  sessionStream,
  toWorkstationEvent,
  type WorkstationEvent,
  workstationStream,
} from '@app/domain';
import { StreamDeletedError } from '@app/event-store';
import type { CommandAnswer } from '../../answers/command-answer';
import { EVENT_WRITER, type EventWriter } from '../../ports';
import {
  decideWithPrecondition,
  EventEnvelopes,
  SessionLoader,
  type StreamRead,
  withConcurrencyRetry,
} from '../../shared';
import { refuseDeletedSession } from '../deleted-session-refusal';
import { cancelAnswer } from './cancel-answer';
import { CancelSessionCommand } from './cancel-session.command';

@CommandHandler(CancelSessionCommand)
export class CancelSessionHandler implements ICommandHandler<CancelSessionCommand> {
  constructor(
    private readonly sessions: SessionLoader,
    private readonly envelopes: EventEnvelopes,
    @Inject(EVENT_WRITER) private readonly writer: EventWriter,
  ) {}

  async execute(command: CancelSessionCommand): Promise<CommandAnswer> {
    const { input, context } = command;
    const streamId = sessionStream(input.sessionId);
    const causationId = this.envelopes.commandId();
    try {
      return await withConcurrencyRetry(streamId, async () => {
        // Only the owner may cancel (anyone else gets 404), so the caller's workstation is the
        // session's: read in the same request as the session.
        const loaded = await this.sessions.load(input.sessionId, [
          workstationStream(context.actor.userId),
        ]);
        const enabledMethods = enabledMethodsOf(loaded.also[0]);
        refuseDeletedSession(loaded, context.actor, context.idempotency !== undefined);
        const now = this.envelopes.now();
        const events = decideWithPrecondition(
          () =>
            decideSession(
              { type: 'CancelSession', data: { ...input, actor: context.actor, enabledMethods } },
              loaded.state,
              now,
            ),
          context.expectedVersion,
          loaded.version,
        );
        const newEvents = this.envelopes.wrap(events, context.actor, causationId, now);
        return this.writer.write({
          appends: [{ streamId, events: newEvents, expectedVersion: loaded.version }],
          finishWrites: context.idempotency !== undefined,
          finish: async ([result], sql) => {
            if (result === undefined) throw new Error('cancel appended nothing');
            const reply = cancelAnswer(input.sessionId, newEvents, result);
            await context.idempotency?.complete(sql, reply, input.sessionId);
            return reply;
          },
        });
      });
    } catch (error) {
      // Deleted between our read and our append.
      if (error instanceof StreamDeletedError)
        throw new SessionNotFoundError(input.sessionId, true);
      throw error;
    }
  }
}

function enabledMethodsOf(workstation: StreamRead | undefined) {
  if (workstation?.kind !== 'events') return [];
  const events = workstation.events
    .map(toWorkstationEvent)
    .filter((event): event is WorkstationEvent => event !== undefined);
  return enabledPaymentMethods(events);
}
