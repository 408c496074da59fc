import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { chainOf } from '@app/audit';
import {
  decideSession,
  type RemovedEvent,
  SessionNotFoundError,
  sessionDeletionStream,
  sessionStream,
} from '@app/domain';
import type { SqlExecutor } from '@app/event-store';
import { answer, type CommandAnswer } from '../../answers/command-answer';
import { type IdempotencyScope, IdempotencyStore } from '../../idempotency';
import { EVENT_WRITER, type EventWriter } from '../../ports';
import {
  decideWithPrecondition,
  EventEnvelopes,
  type LoadedSession,
  SessionLoader,
  withConcurrencyRetry,
} from '../../shared';
import { DeleteSessionCommand } from './delete-session.command';

/**
 * Deletion (PRODUCT.md "Delete"): the deletion record is appended expecting its stream not to
 * exist — exactly one delete wins — then the session's stream is deleted and its idempotency
 * records purged, all in one transaction on PostgreSQL/embedded. A repeated delete finds the
 * record, finishes a half-done delete and answers 404.
 */
@CommandHandler(DeleteSessionCommand)
export class DeleteSessionHandler implements ICommandHandler<DeleteSessionCommand> {
  constructor(
    private readonly sessions: SessionLoader,
    private readonly envelopes: EventEnvelopes,
    private readonly idempotency: IdempotencyStore,
    @Inject(EVENT_WRITER) private readonly writer: EventWriter,
  ) {}

  execute(command: DeleteSessionCommand): Promise<CommandAnswer> {
    const { sessionId, context } = command;
    const causationId = this.envelopes.commandId();
    return withConcurrencyRetry(sessionDeletionStream(sessionId), async () => {
      const loaded = await this.sessions.load(sessionId);
      if (loaded.state.status === 'deleted' || loaded.streamDeleted) {
        await this.finishHalfDone(loaded, context.idempotency?.scope);
        throw new SessionNotFoundError(sessionId, true);
      }
      const now = this.envelopes.now();
      const events = decideWithPrecondition(
        () =>
          decideSession(
            {
              type: 'DeleteSession',
              data: { sessionId, actor: context.actor, removedEvents: removedEvents(loaded) },
            },
            loaded.state,
            now,
          ),
        context.expectedVersion,
        loaded.version,
      );
      return this.writer.write({
        appends: [
          {
            streamId: sessionDeletionStream(sessionId),
            events: this.envelopes.wrap(events, context.actor, causationId, now),
            expectedVersion: 'no-stream',
          },
        ],
        // At exactly the version read: the record then lists every event removed.
        deleteStreams: [
          {
            streamId: sessionStream(sessionId),
            ...(loaded.version >= 0 ? { expectedVersion: loaded.version } : {}),
          },
        ],
        finishWrites: true,
        finish: async ([result], sql) => {
          await this.purge(sql, sessionId, context.idempotency?.scope);
          const reply = answer(204, null, { position: result?.position ?? '0' });
          await context.idempotency?.complete(sql, reply, sessionId);
          return reply;
        },
      });
    });
  }

  /** The record exists but the stream (or the idempotency records) may have survived a crash. */
  private async finishHalfDone(loaded: LoadedSession, keep: KeptScope): Promise<void> {
    const streams = loaded.streamPresent ? [{ streamId: sessionStream(loaded.sessionId) }] : [];
    await this.writer.write({
      appends: [],
      deleteStreams: streams,
      finishWrites: true,
      finish: (_results, sql) => this.purge(sql, loaded.sessionId, keep),
    });
  }

  private purge(sql: SqlExecutor, sessionId: string, keep: KeptScope): Promise<void> {
    return this.idempotency.purgeSession(sql, sessionId, keep);
  }
}

/** What the deletion record lists of the session's events (docs/audit.md, "Deletion"). */
function removedEvents(loaded: LoadedSession): RemovedEvent[] {
  return loaded.events.map((event) => ({
    position: event.position,
    version: event.streamVersion,
    hash: chainOf(event.metadata)?.hash ?? null,
  }));
}

/** The delete's own key: its record stays (it holds no personal data). */
type KeptScope = IdempotencyScope | undefined;
