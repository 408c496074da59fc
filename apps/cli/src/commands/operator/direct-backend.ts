import { createPublicKey } from 'node:crypto';
import { readSessionHistory, sessionStateAt } from '@app/application/session-history';
import { AuditLedger, exportLines, verifyEvidence } from '@app/audit';
import {
  activeGeneration,
  readConsumerStatuses,
  retrySetAside,
  type ConsumerRef,
} from '@app/consumers';
import type { EventStore } from '@app/event-store';
import { KAFKA_PUBLISHER } from '@app/messaging';
import type { ReadModels } from '@app/read-models';
import { CLI_VIEWER, type OperatorBackend } from './backend';

export interface DirectStores {
  readonly eventStore: EventStore;
  /** The same store without upcasting, for the audit. */
  readonly rawEventStore: EventStore;
  /** The seals' signing key (PKCS#8 PEM), read when an audit command needs its public half. */
  readonly sealKeyPem: () => string;
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
  const ledger = () =>
    new AuditLedger(
      stores.rawEventStore,
      readModels.executor,
      createPublicKey(stores.sealKeyPem()).export({ type: 'spki', format: 'pem' }).toString(),
    );
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
    async verifySession(sessionId) {
      const evidence = await ledger().sessionEvidence(sessionId);
      return evidence && verifyEvidence(evidence);
    },
    async verifyLog() {
      return verifyEvidence(await ledger().logEvidence());
    },
    async exportSession(sessionId) {
      const evidence = await ledger().sessionEvidence(sessionId);
      return evidence && `${exportLines(sessionId, evidence).join('\n')}\n`;
    },
    close: () => stores.close(),
  };
}
