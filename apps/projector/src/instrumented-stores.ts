import { deletedSessionsAmong, Projector } from '@app/read-models';
import type { ProjectionCounters } from './projection-counters';
import type { ProjectorStores } from './projector-stores';

/**
 * The stores with a projector whose projections feed the counters: the same runners, leases and
 * deletion lookup as ReadModels.createProjector builds, over instrumented definitions.
 */
export function withProjectionCounters(
  stores: ProjectorStores,
  counters: ProjectionCounters,
): ProjectorStores {
  const { readModels } = stores;
  return {
    ...stores,
    readModels: {
      ...readModels,
      createProjector: (eventStore, settings = {}) =>
        new Projector({
          ...settings,
          executor: readModels.executor,
          eventStore,
          leases: readModels.leases,
          projections: readModels.projections.map((definition) => counters.instrument(definition)),
          deletedSessions: deletedSessionsAmong,
          onError: (error, projection) => {
            counters.failed(projection);
            settings.onError?.(error, projection);
          },
        }),
    },
  };
}
