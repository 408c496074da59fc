import type { EventStore } from '@app/event-store';
import type { ReadModels } from '../read-models';
import type { ProjectorSettings } from '../runner';

/** Runs a projector until every projection has applied the store's head, then stops it. */
export async function projectToHead(
  readModels: ReadModels,
  eventStore: EventStore,
  settings: ProjectorSettings = {},
  timeoutMs = 20_000,
): Promise<void> {
  const head = await eventStore.headPosition();
  const projector = readModels.createProjector(eventStore, { batchSize: 50, ...settings });
  projector.start();
  try {
    if (head !== undefined) {
      await readModels.waitForPosition(
        readModels.projections.map((p) => p.name),
        head,
        timeoutMs,
      );
    }
  } finally {
    await projector.stop();
  }
}

/** A schema name no other test file uses. */
export const uniqueSchema = (prefix: string): string =>
  `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e9).toString(36)}`;
