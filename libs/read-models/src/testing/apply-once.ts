import { activeGeneration, setAsideIds, type SchemaDatabase } from '@app/consumers';
import type { EventStore, Position, RecordedEvent } from '@app/event-store';
import {
  projectionBatches,
  type DeletedSessionsLookup,
  type ProjectionDefinition,
} from '../runner';

/**
 * One batch through the consumer core into a projection's active generation, as its live consumer
 * would apply it after `expected`: for tests that drive a projection by hand.
 */
export async function applyOnce(
  executor: SchemaDatabase,
  eventStore: EventStore,
  input: {
    readonly definition: ProjectionDefinition;
    readonly expected: Position | undefined;
    readonly events: readonly RecordedEvent[];
    readonly deletedSessions?: DeletedSessionsLookup;
  },
): Promise<{ readonly applied: boolean; readonly skippedDeleted: number }> {
  const { definition } = input;
  const generation = await activeGeneration(executor, definition.name);
  if (generation === undefined) throw new Error(`${definition.name} has no active generation`);
  let skippedDeleted = 0;
  const runner = projectionBatches({
    executor,
    eventStore,
    definition,
    deletedSessions: input.deletedSessions,
    generation,
    followsActive: true,
    setAside: new Set(await setAsideIds(executor, definition.name, generation)),
    lost: new AbortController().signal,
    onCommitted: ({ counters }) => {
      skippedDeleted += counters.get('skippedDeleted') ?? 0;
    },
  });
  const outcome = await runner.run(input.events, input.expected);
  return { applied: outcome.kind === 'applied', skippedDeleted };
}
