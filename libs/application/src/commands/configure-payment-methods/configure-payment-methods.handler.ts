import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideWorkstation, initialWorkstationState, workstationStream } from '@app/domain';
import type { EventStore, JsonValue } from '@app/event-store';
import { answer, type CommandAnswer } from '../../answers/command-answer';
import { EVENT_STORE, EVENT_WRITER, type EventWriter } from '../../ports';
import {
  decideWithPrecondition,
  EventEnvelopes,
  headHashOf,
  readStreamState,
  versionOf,
  withConcurrencyRetry,
} from '../../shared';
import { ConfigurePaymentMethodsCommand } from './configure-payment-methods.command';

@CommandHandler(ConfigurePaymentMethodsCommand)
export class ConfigurePaymentMethodsHandler implements ICommandHandler<ConfigurePaymentMethodsCommand> {
  constructor(
    private readonly envelopes: EventEnvelopes,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_WRITER) private readonly writer: EventWriter,
  ) {}

  execute(command: ConfigurePaymentMethodsCommand): Promise<CommandAnswer> {
    const { input, context } = command;
    const streamId = workstationStream(input.professionalId);
    const causationId = this.envelopes.commandId();
    return withConcurrencyRetry(streamId, async () => {
      const read = await readStreamState(this.store, streamId);
      const version = versionOf(read);
      const now = this.envelopes.now();
      // Every configuration replaces the last one: the decision needs no folded state.
      const events = decideWithPrecondition(
        () =>
          decideWorkstation(
            { type: 'ConfigureWorkstationPaymentMethods', data: input },
            initialWorkstationState(),
            now,
          ),
        context.expectedVersion,
        version,
      );
      const methods = events[0]?.data.methods ?? [];
      return this.writer.write({
        appends: [
          {
            streamId,
            events: this.envelopes.wrap(events, context.actor, causationId, now),
            expectedVersion: version === -1 ? 'no-stream' : version,
            headHash: headHashOf(read),
          },
        ],
        finishWrites: context.idempotency !== undefined,
        finish: async ([result], sql) => {
          const reply = answer(200, {
            professionalId: input.professionalId,
            methods: [...methods] as JsonValue,
            version: result?.version ?? 0,
            position: result?.position ?? '0',
          });
          await context.idempotency?.complete(sql, reply);
          return reply;
        },
      });
    });
  }
}
