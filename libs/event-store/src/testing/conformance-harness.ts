import type { AppendResult, EventStore, NewEvent } from '../port';

/** An append whose transaction stays open until the test commits or rolls it back. */
export interface HeldOpenAppend {
  commit(): Promise<AppendResult>;
  rollback(): Promise<void>;
}

/**
 * What an adapter gives the shared conformance suite. The suite never assumes an empty store (an
 * EventStoreDB server is shared by the whole run): it uses fresh stream ids and reads `$all` after
 * a head position it captured, keeping only the streams it wrote.
 */
export interface EventStoreHarness {
  readonly adapterName: string;
  /** A store ready to use; called once per test file. */
  create(): Promise<EventStore>;
  /** Releases what create() made. */
  destroy(store: EventStore): Promise<void>;
  /**
   * Starts an append in a transaction left open, so the suite can force commits that land out of
   * order. A string is the printed reason this adapter cannot do it (the case then skips).
   */
  readonly holdOpenAppend:
    | ((
        store: EventStore,
        streamId: string,
        events: readonly NewEvent[],
      ) => Promise<HeldOpenAppend>)
    | string;
  /** Cuts the store's live connections so subscriptions must resume; a string is why it cannot. */
  readonly dropConnections: ((store: EventStore) => Promise<void>) | string;
}
