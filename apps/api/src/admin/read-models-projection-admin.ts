import type { EventStore } from '@app/event-store';
import type { ProjectionStatus, Projector, ReadModels } from '@app/read-models';
import type { ConsumerView, ProjectionAdmin } from './projection-admin';

/** The publisher's figures when the admin can see them (in this process, or from its checkpoint). */
export type PublisherViewSource = () => Promise<ConsumerView | undefined>;

export interface ReadModelsAdminDeps {
  readonly readModels: ReadModels;
  readonly eventStore: EventStore;
  /**
   * The projector running in this process (the embedded default), if any. Without one (the
   * projector app runs them) the status reads checkpoints and shows the state `idle` here.
   */
  readonly projector?: () => Projector | undefined;
  readonly publisher?: PublisherViewSource;
}

const view = (status: ProjectionStatus): ConsumerView => ({
  name: status.name,
  kind: 'projection',
  state: status.state,
  position: status.position ?? null,
  lagEvents: status.lagEvents,
  lagEventsExact: status.lagEventsExact,
  lagSeconds: status.lagSeconds,
  lastError: status.lastError ?? null,
});

/**
 * The usual ProjectionAdmin: status from the running projector or, when it runs elsewhere, from
 * a projector built but not started (it reads the stored checkpoints); rebuilds through the read
 * models' own rebuild (a fresh generation swapped in while queries keep answering).
 */
export function readModelsProjectionAdmin(deps: ReadModelsAdminDeps): ProjectionAdmin {
  let reader: Projector | undefined;
  const statusReader = (): Projector =>
    deps.projector?.() ?? (reader ??= deps.readModels.createProjector(deps.eventStore));
  return {
    async status() {
      const projections = (await statusReader().status()).map(view);
      const publisher = await deps.publisher?.();
      return publisher ? [...projections, publisher] : projections;
    },
    projections: () => deps.readModels.projections.map((p) => p.name),
    async rebuild(name, onProgress) {
      const result = await deps.readModels.rebuild(deps.eventStore, name, { onProgress });
      return {
        eventsDone: result.eventsDone,
        position: result.position,
        generation: result.generation,
        seconds: result.seconds,
      };
    },
  };
}
