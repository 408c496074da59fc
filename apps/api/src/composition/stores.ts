import type { EventWriter, IdempotencyStore, ReadSide } from '@app/application';
import type { EventStore } from '@app/event-store';
import type { DataDirLock } from '@app/event-store/embedded';
import type { SqlDatabase } from '@app/event-store/sql';
import type { Clock } from '@app/platform';
import type { HeldBack } from '@app/consumers';
import type { ReadModels } from '@app/read-models';

/** Everything the API keeps open, built once from the validated configuration. */
export interface Stores {
  /** Reads: upcasting applied. */
  readonly eventStore: EventStore;
  /** The commands' writer for this store, completing idempotency records with the events. */
  writerWith(records: IdempotencyStore, clock: Clock): EventWriter;
  /** The same store without upcasting: the audit reads events as stored (docs/audit.md). */
  readonly rawEventStore: EventStore;
  /** Where the idempotency records live (the event store's database when it is relational). */
  readonly idempotencyDatabase: SqlDatabase;
  readonly readModels: ReadModels & ReadSide;
  /** The embedded store's DATA_DIR lock, when this process opened the folder. */
  readonly dataDirLock?: DataDirLock;
  /** A transaction holding the log's readers back, where the event store can tell (PostgreSQL). */
  readonly heldBack?: () => Promise<HeldBack | undefined>;
  /** Closes everything, in the reverse order of opening. */
  close(): Promise<void>;
}

export interface StoreSchemas {
  readonly eventStore?: string;
  readonly readModels?: string;
}

export const STORES = Symbol('STORES');
