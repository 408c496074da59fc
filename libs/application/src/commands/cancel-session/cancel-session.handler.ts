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
import { type EventStore, StreamDeletedError } from '@app/event-store';
import type { CommandAnswer } from '../../answers/command-answer';
import { EVENT_STORE, EVENT_WRITER, type EventWriter } from '../../ports';
import {
  decideWithPrecondition,
  EventEnvelopes,
  readStreamState,
  SessionLoader,
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
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_WRITER) private readonly writer: EventWriter,
  ) {}

  async execute(command: CancelSessionCommand): Promise<CommandAnswer> {
    const { input, context } = command;
    const streamId = sessionStream(input.sessionId);
    const causationId = this.envelopes.commandId();
    try {
      return await withConcurrencyRetry(streamId, async () => {
        // Only the owner may cancel (anyone else gets 404), so the caller's workstation is the
        // session's: both are read at once.
        const [loaded, enabledMethods] = await Promise.all([
          this.sessions.load(input.sessionId),
          this.enabledMethods(context.actor.userId),
        ]);
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
          appends: [
            {
              streamId,
              events: newEvents,
              expectedVersion: loaded.version,
              headHash: loaded.headHash,
            },
          ],
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

  private async enabledMethods(professionalId: string) {
    const read = await readStreamState(this.store, workstationStream(professionalId));
    if (read.kind !== 'events') return [];
    const events = read.events
      .map(toWorkstationEvent)
      .filter((event): event is WorkstationEvent => event !== undefined);
    return enabledPaymentMethods(events);
  }
}
