import {
  BatchRunner,
  BY_SESSION,
  type BatchRunnerOptions,
  type ConsumerHandler,
  type SchemaDatabase,
} from '@app/consumers';
import type { EventStore, RecordedEvent } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import { toSessionFact } from '../events';
import { setAsideContext } from '../set-aside/set-aside-context';
import {
  generationTableNames,
  type ProjectedEvent,
  type ProjectionDefinition,
} from './projection-definition';
import { silentLogger } from '@app/event-store';

/** Which sessions among these have a deletion record, read inside the batch transaction. */
export type DeletedSessionsLookup = (
  tx: SqlExecutor,
  sessionIds: readonly string[],
) => Promise<ReadonlySet<string>>;

/**
 * The facts to apply: ignored events dropped, and the events of sessions that have a deletion
 * record (their SessionDeleted itself still flows: it is what removes the rows). A malformed
 * event throws here, before anything is written.
 */
export async function projectedEvents(
  tx: SqlExecutor,
  definition: ProjectionDefinition,
  events: readonly RecordedEvent[],
  deletedSessions: DeletedSessionsLookup | undefined,
): Promise<{ readonly kept: ProjectedEvent[]; readonly skippedDeleted: number }> {
  const reads: readonly string[] | undefined = definition.reads;
  const all = (
    reads === undefined ? events : events.filter((event) => reads.includes(event.type))
  ).map((event) => ({ event, fact: toSessionFact(event) }));
  const sessionIds = new Set<string>();
  if (definition.skipsDeletedSessions && deletedSessions) {
    for (const { fact } of all) if (fact.kind !== 'ignored') sessionIds.add(fact.sessionId);
  }
  const deleted =
    sessionIds.size > 0 && deletedSessions
      ? await deletedSessions(tx, [...sessionIds])
      : new Set<string>();
  const kept: ProjectedEvent[] = [];
  let skippedDeleted = 0;
  for (const projected of all) {
    const { fact } = projected;
    if (fact.kind === 'ignored') continue;
    if (fact.kind !== 'deleted' && deleted.has(fact.sessionId)) skippedDeleted += 1;
    else kept.push(projected);
  }
  return { kept, skippedDeleted };
}

export interface ProjectionHandlerOptions {
  readonly executor: SchemaDatabase;
  readonly eventStore: EventStore;
  readonly definition: ProjectionDefinition;
  readonly deletedSessions?: DeletedSessionsLookup;
}

/**
 * A projection on the consumer core: one batch, one transaction. The checkpoint is locked and
 * checked first (which also fences off a replica that lost its lease without knowing yet), then
 * the projection's set-based statements run on the generation's tables, then the checkpoint
 * moves: rows and checkpoint commit together or not at all, so a crash at any point neither
 * loses nor doubles an effect.
 */
export function projectionHandler(options: ProjectionHandlerOptions): ConsumerHandler {
  const { executor, definition, deletedSessions } = options;
  return {
    ...BY_SESSION,
    describeSession: setAsideContext(options.eventStore),
    handle: (batch) =>
      executor.transaction(async (tx) => {
        await batch.open(tx);
        const { kept, skippedDeleted } = await projectedEvents(
          tx,
          definition,
          batch.events,
          deletedSessions,
        );
        if (kept.length > 0) {
          await definition.apply(tx, kept, generationTableNames(batch.generation));
        }
        await batch.commit(tx);
        if (skippedDeleted > 0) batch.count('skippedDeleted', skippedDeleted);
      }),
  };
}

/**
 * The core's batches of one projection's generation, outside a live consumer: a rebuild's
 * (a fixed generation, starting with no session set aside) or a test's.
 */
export function projectionBatches(
  options: ProjectionHandlerOptions &
    Pick<
      BatchRunnerOptions,
      'generation' | 'followsActive' | 'setAside' | 'lost' | 'onCommitted'
    > & {
      readonly logger?: BatchRunnerOptions['logger'];
    },
): BatchRunner {
  return new BatchRunner({
    ...options,
    consumer: options.definition.name,
    db: options.executor,
    handler: projectionHandler(options),
    logger: options.logger ?? silentLogger,
  });
}
