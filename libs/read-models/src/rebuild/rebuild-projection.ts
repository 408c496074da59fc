import {
  activateGeneration,
  activeGeneration,
  readActiveCheckpoint,
  readCheckpoint,
  type LeaseProvider,
  type SchemaDatabase,
} from '@app/consumers';
import { comparePositions, type EventStore, type Position, type AppLogger } from '@app/event-store';
import {
  createNextGeneration,
  dropGeneration,
  ensureProjection,
  projectionBatches,
  type DeletedSessionsLookup,
  type ProjectionDefinition,
} from '../runner';
import { estimateSecondsLeft } from './progress-estimate';

export interface RebuildProgress {
  readonly projection: string;
  readonly generation: number;
  readonly eventsDone: number;
  readonly position: Position | undefined;
  /** The head when the rebuild started: what "done" is measured against. */
  readonly headPosition: Position | undefined;
  readonly eventsPerSecond: number;
  /** Estimated from how far the position has moved towards the head; undefined at first. */
  readonly secondsLeft: number | undefined;
}

export interface RebuildResult {
  readonly projection: string;
  readonly generation: number;
  readonly previousGeneration: number;
  readonly eventsDone: number;
  readonly position: Position | undefined;
  readonly seconds: number;
  /** Sessions the new generation set aside (an event of theirs could not be applied). */
  readonly setAside: readonly string[];
}

export interface RebuildContext {
  readonly executor: SchemaDatabase;
  readonly eventStore: EventStore;
  readonly leases: LeaseProvider;
  readonly projections: readonly ProjectionDefinition[];
  readonly deletedSessions?: DeletedSessionsLookup;
  readonly logger?: AppLogger;
}

export interface RebuildOptions {
  readonly onProgress?: (progress: RebuildProgress) => void;
  readonly batchSize?: number;
  /** Keep the replaced generation's tables (for comparisons); default: drop them. */
  readonly keepPreviousGeneration?: boolean;
}

export class RebuildInProgressError extends Error {
  constructor(readonly projection: string) {
    super(`A rebuild of ${projection} is already running`);
    this.name = 'RebuildInProgressError';
  }
}

/** Swap attempts while the live consumer is ahead of the new generation. */
const SWAP_ATTEMPTS = 5;

/**
 * Replays the whole log into a fresh generation of the projection's tables while the active one
 * keeps answering, then switches the active generation in one transaction. The live consumer sees
 * the switch as a checkpoint it did not write and resumes from the new generation's checkpoint,
 * so events that land after the swap are applied there.
 */
export async function rebuildProjection(
  context: RebuildContext,
  name: string,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const definition = context.projections.find((candidate) => candidate.name === name);
  if (definition === undefined) throw new Error(`Unknown projection ${name}`);
  const lease = await context.leases.tryAcquire(`rebuild:${name}`);
  if (lease === undefined) throw new RebuildInProgressError(name);
  try {
    const { executor, eventStore } = context;
    await ensureProjection(executor, definition);
    const generation = await createNextGeneration(executor, definition);
    const batchSize = options.batchSize ?? 1_000;
    const headPosition = await eventStore.headPosition();
    const started = Date.now();
    let position: Position | undefined;
    let firstPosition: Position | undefined;
    let eventsDone = 0;
    // A generation starts with no session set aside: the rebuild finds its own poison events
    // (set aside like the live consumer's), so a log holding one still rebuilds to the end.
    const setAside = new Set<string>();
    const runner = projectionBatches({
      executor,
      eventStore,
      definition,
      deletedSessions: context.deletedSessions,
      generation,
      followsActive: false,
      setAside,
      lost: lease.lost,
      logger: context.logger,
    });

    const catchUp = async (): Promise<void> => {
      for (;;) {
        if (lease.lost.aborted) throw new Error(`rebuild of ${name}: lease lost`);
        const events = await eventStore.readAll({ after: position, maxCount: batchSize });
        if (events.length === 0) return;
        const result = await runner.run(events, position);
        if (result.kind === 'moved') {
          throw new Error(`rebuild of ${name}: generation moved underneath`);
        }
        firstPosition ??= events[0]?.position;
        position = result.position;
        eventsDone += events.length;
        const seconds = (Date.now() - started) / 1000;
        options.onProgress?.({
          projection: name,
          generation,
          eventsDone,
          position,
          headPosition,
          eventsPerSecond: seconds > 0 ? eventsDone / seconds : 0,
          secondsLeft: estimateSecondsLeft(firstPosition, position, headPosition, seconds),
        });
        if (events.length < batchSize) return;
      }
    };

    let previous: number | undefined;
    for (let attempt = 1; previous === undefined; attempt += 1) {
      await catchUp();
      previous = await executor.transaction(async (tx) => {
        const active = await activeGeneration(tx, name, 'FOR UPDATE');
        if (active === undefined) throw new Error(`Projection ${name} has no state`);
        const old = await readCheckpoint(tx, name, active);
        const fresh = await readCheckpoint(tx, name, generation, 'FOR UPDATE');
        // Switching while the live generation is ahead would make answers briefly older.
        const behind =
          old?.position !== undefined &&
          (fresh?.position === undefined || comparePositions(fresh.position, old.position) < 0);
        if (behind && attempt < SWAP_ATTEMPTS) return undefined;
        await activateGeneration(tx, name, generation);
        return active;
      });
    }
    if (!options.keepPreviousGeneration) await dropGeneration(executor, definition, previous);
    const after = await readActiveCheckpoint(executor, name);
    return {
      projection: name,
      generation,
      previousGeneration: previous,
      eventsDone,
      position: after?.position,
      seconds: (Date.now() - started) / 1000,
      setAside: [...setAside].sort(),
    };
  } finally {
    await lease.release();
  }
}
