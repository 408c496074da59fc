import {
  activeGeneration,
  readConsumerStatuses,
  retrySetAside,
  type ConsumerRef,
} from '@app/consumers';
import type { EventStore } from '@app/event-store';
import { KAFKA_PUBLISHER } from '@app/messaging';
import { readSessionHistory, sessionStateAt, type ReadModels } from '@app/read-models';
import { CLI_VIEWER, type OperatorBackend } from './backend';

export interface DirectStores {
  readonly eventStore: EventStore;
  readonly readModels: ReadModels;
  close(): Promise<void>;
}

/** The operator commands over stores this process opened itself. */
export function directBackend(stores: DirectStores, description: string): OperatorBackend {
  const { eventStore, readModels } = stores;
  /** The projections, and the publisher once it ever ran against this database. */
  const consumers = async (): Promise<ConsumerRef[]> => [
    ...readModels.projections.map((p) => ({ name: p.name, kind: 'projection' as const })),
    ...((await activeGeneration(readModels.executor, KAFKA_PUBLISHER)) === undefined
      ? []
      : [{ name: KAFKA_PUBLISHER, kind: 'publisher' as const }]),
  ];
  return {
    description,
    history: (sessionId) => readSessionHistory(eventStore, sessionId, CLI_VIEWER),
    state: (sessionId, asOf) => sessionStateAt(eventStore, sessionId, asOf, CLI_VIEWER),
    // They run in another process: their state comes from that process's report.
    status: async () =>
      readConsumerStatuses({ db: readModels.executor, eventStore }, await consumers()),
    projections: () => Promise.resolve(readModels.projections.map((p) => p.name)),
    async rebuild(name, onProgress) {
      const result = await readModels.rebuild(eventStore, name, { onProgress });
      return {
        projection: name,
        eventsDone: result.eventsDone,
        ...(result.position === undefined ? {} : { position: result.position }),
        seconds: result.seconds,
        setAside: result.setAside,
      };
    },
    async retry(name, sessionId) {
      const known = (await consumers()).map((c) => c.name);
      if (!known.includes(name)) {
        throw new Error(`no consumer named ${name} (known: ${known.join(', ')})`);
      }
      return retrySetAside(readModels.executor, name, sessionId);
    },
    close: () => stores.close(),
  };
}
