import { Inject, Injectable } from '@nestjs/common';
import { sessionStream } from '@app/domain';
import type { EventStore, JsonValue } from '@app/event-store';
import { EVENT_STORE, EVENT_WRITER, type EventWriter, type WritePlan } from '../../ports';
import { decideWithPrecondition } from './check-order';
import type { CommandDeclaration } from './command-declaration';
import type { CommandRequest } from './command-request';
import { withConcurrencyRetry } from './concurrency-retry';
import { type DeletedSessionRule, deletedSessionRefusal } from './deleted-session';
import { EventEnvelopes } from './event-envelopes';
import { headHashOf, type LoadedSession, loadCommandContext } from './load-command-context';

/**
 * The one path of every command (in the spirit of Emmett's DeciderCommandHandler): load what the
 * command reads, answer a deleted session, decide in the catalogue's order (If-Match included),
 * wrap the events, append them with the version read and complete the request's idempotency
 * record in the same write; a lost race runs it all again.
 */
@Injectable()
export class DecideAndAppend {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_WRITER) private readonly writer: EventWriter,
    private readonly envelopes: EventEnvelopes,
  ) {}

  run<R extends JsonValue>(
    declaration: CommandDeclaration<R>,
    request: CommandRequest,
  ): Promise<R> {
    // One causation id for the command, whichever attempt writes.
    const causationId = this.envelopes.commandId();
    return withConcurrencyRetry(async () => {
      const context = await loadCommandContext(this.store, {
        sessionId: declaration.session?.id,
        professionalId: declaration.workstationOf,
      });
      const { session } = context;
      if (session?.deleted && declaration.session) {
        return this.refuseDeleted(declaration.session.ifDeleted, session, request);
      }
      const now = this.envelopes.now();
      const current = declaration.currentVersion?.(context);
      const decision =
        current === undefined
          ? declaration.decide(context, now)
          : decideWithPrecondition(
              () => declaration.decide(context, now),
              request.expectedVersion,
              current,
            );
      const events = this.envelopes.wrap(
        decision.events,
        request.actor,
        { causationId, correlationId: request.correlationId },
        now,
      );
      const claim = request.idempotency;
      const plan: WritePlan<R> = {
        append: {
          streamId: decision.streamId,
          events,
          expectedVersion: decision.expectedVersion,
          ...headHashOf(context, decision.streamId),
        },
        ...(decision.deleteStreams ? { deleteStreams: decision.deleteStreams } : {}),
        ...(decision.purgeRecordsOf === undefined
          ? {}
          : { purgeRecords: { sessionId: decision.purgeRecordsOf, keep: claim?.scope } }),
        ...(claim ? { record: { claim, sessionId: declaration.session?.id } } : {}),
        result: (appended) => {
          if (appended === undefined) throw new Error(`${decision.streamId}: nothing appended`);
          return declaration.result({ decided: decision.events, events, appended });
        },
      };
      return this.writer.write(plan);
    });
  }

  private async refuseDeleted(
    rule: DeletedSessionRule,
    session: LoadedSession,
    request: CommandRequest,
  ): Promise<never> {
    if (rule === 'finish-deletion') {
      // The record exists but the stream (or the idempotency records) may have survived a crash.
      await this.writer.write({
        ...(session.streamPresent
          ? { deleteStreams: [{ streamId: sessionStream(session.sessionId) }] }
          : {}),
        purgeRecords: { sessionId: session.sessionId, keep: request.idempotency?.scope },
        result: () => null,
      });
    }
    throw deletedSessionRefusal(rule, session, request);
  }
}
