import type { EventStore } from '@app/event-store';
import {
  readSessionHistory,
  sessionStateAt,
  type ProjectionStatus,
  type ReadModels,
} from '@app/read-models';
import { CLI_VIEWER, type ConsumerRow, type OperatorBackend } from './backend';

/** The publisher's checkpoint table (libs/messaging's SqlCheckpointStore, default schema). */
const PUBLISHER_CHECKPOINTS = 'messaging.publisher_checkpoints';
const PUBLISHER_NAME = 'kafka-publisher';
const LAG_COUNT_LIMIT = 10_000;

export interface DirectStores {
  readonly eventStore: EventStore;
  readonly readModels: ReadModels;
  close(): Promise<void>;
}

const projectionRow = (status: ProjectionStatus): ConsumerRow => ({
  name: status.name,
  kind: 'projection',
  state: status.state,
  position: status.position ?? null,
  lagEvents: status.lagEvents,
  lagEventsExact: status.lagEventsExact,
  lagSeconds: status.lagSeconds,
  lastError: status.lastError ?? null,
});

/** The publisher as its stored checkpoint shows it; none when it never ran against this database. */
async function publisherRow(stores: DirectStores): Promise<ConsumerRow | undefined> {
  let rows: Array<{ position: string }>;
  try {
    rows = await stores.readModels.executor.query<{ position: string }>(
      `SELECT position FROM ${PUBLISHER_CHECKPOINTS} WHERE name = $1`,
      [PUBLISHER_NAME],
    );
  } catch {
    return undefined; // no table: no publisher ever ran here
  }
  const position = rows[0]?.position;
  if (position === undefined) return undefined;
  const pending = await stores.eventStore.readAll({
    after: position,
    maxCount: LAG_COUNT_LIMIT + 1,
  });
  const oldest = pending[0];
  return {
    name: PUBLISHER_NAME,
    kind: 'publisher',
    // Its running state lives in the projector process; from here only the checkpoint is seen.
    state: 'checkpoint',
    position,
    lagEvents: Math.min(pending.length, LAG_COUNT_LIMIT),
    lagEventsExact: pending.length <= LAG_COUNT_LIMIT,
    lagSeconds: oldest ? Math.max(0, (Date.now() - Date.parse(oldest.recordedAt)) / 1000) : 0,
    lastError: null,
  };
}

/** The operator commands over stores this process opened itself. */
export function directBackend(stores: DirectStores, description: string): OperatorBackend {
  return {
    description,
    history: (sessionId) => readSessionHistory(stores.eventStore, sessionId, CLI_VIEWER),
    state: (sessionId, asOf) => sessionStateAt(stores.eventStore, sessionId, asOf, CLI_VIEWER),
    async status() {
      // Built, never started: it reads the stored checkpoints (state `idle` in this process).
      const statuses = await stores.readModels.createProjector(stores.eventStore).status();
      const publisher = await publisherRow(stores);
      return [...statuses.map(projectionRow), ...(publisher ? [publisher] : [])];
    },
    projections: () => Promise.resolve(stores.readModels.projections.map((p) => p.name)),
    async rebuild(name, onProgress) {
      const result = await stores.readModels.rebuild(stores.eventStore, name, { onProgress });
      return {
        projection: name,
        eventsDone: result.eventsDone,
        ...(result.position === undefined ? {} : { position: result.position }),
        seconds: result.seconds,
      };
    },
    close: () => stores.close(),
  };
}
