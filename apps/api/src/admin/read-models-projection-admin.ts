import { retrySetAside, type ConsumerStatus } from '@app/consumers';
import type { EventStore } from '@app/event-store';
import type { ReadModels } from '@app/read-models';
import type { ProjectionAdmin } from './projection-admin';

export interface ReadModelsAdminDeps {
  readonly readModels: ReadModels;
  readonly eventStore: EventStore;
  /** Every consumer's status (ConsumerStatuses: the same wherever the consumers run). */
  readonly statuses: {
    statuses(): Promise<readonly ConsumerStatus[]>;
    names(): readonly string[];
  };
  /** How long a retry waits for the consumer's answer (default 10 s). */
  readonly retryWaitMs?: number;
}

/**
 * The usual ProjectionAdmin: the consumers' statuses; rebuilds through the read models' own
 * rebuild (a fresh generation swapped in while queries keep answering); retries through the
 * consumer store, which the running consumer reads wherever it runs.
 */
export function readModelsProjectionAdmin(deps: ReadModelsAdminDeps): ProjectionAdmin {
  return {
    status: () => deps.statuses.statuses(),
    projections: () => deps.readModels.projections.map((p) => p.name),
    consumers: () => deps.statuses.names(),
    async rebuild(name, onProgress) {
      const result = await deps.readModels.rebuild(deps.eventStore, name, { onProgress });
      return {
        eventsDone: result.eventsDone,
        position: result.position,
        generation: result.generation,
        seconds: result.seconds,
        setAside: result.setAside,
      };
    },
    retry: (name, sessionId) =>
      retrySetAside(deps.readModels.executor, name, sessionId, { waitMs: deps.retryWaitMs }),
  };
}
