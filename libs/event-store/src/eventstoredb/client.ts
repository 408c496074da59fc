import {
  EventStoreDBClient,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult as ClientAppendResult,
  type JSONEventData,
  type ReadAllOptions as ClientReadAllOptions,
  type ReadStreamOptions as ClientReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
  type TombstoneStreamOptions,
} from '@eventstore/db-client';

/** A catch-up subscription: iterating ends on `end` and throws on the subscription's `error`. */
export interface EsdbSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
}

/**
 * The part of `@eventstore/db-client` the adapter uses, and nothing more. A switch to
 * `@kurrent/kurrentdb-client` changes this file and the option names below it, not the adapter's
 * logic. Tests use the real client, against the wire-level test server (testing/wire-server).
 */
export interface EsdbClient {
  appendToStream(
    streamName: string,
    events: JSONEventData[],
    options: { expectedRevision: AppendExpectedRevision },
  ): Promise<ClientAppendResult>;
  readStream(streamName: string, options: ClientReadStreamOptions): AsyncIterable<ResolvedEvent>;
  readAll(options: ClientReadAllOptions): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): EsdbSubscription;
  tombstoneStream(streamName: string, options: TombstoneStreamOptions): Promise<unknown>;
  dispose(): Promise<void>;
}

/**
 * e.g. `esdb://localhost:2113?tls=false`; connecting is lazy, on the first call. A KurrentDB
 * `kurrentdb://` URL (what its container reports) names the same protocol, which the 6.x client
 * only knows as `esdb://`. The config loader has already refused what the client would refuse
 * or ignore (libs/platform/src/config/eventstore-url.ts).
 */
export function connectEsdbClient(connectionString: string): EsdbClient {
  return EventStoreDBClient.connectionString(toEsdbConnectionString(connectionString));
}

export function toEsdbConnectionString(connectionString: string): string {
  return connectionString.replace(/^kurrent(?:db)?(\+discover)?:\/\//, 'esdb$1://');
}
