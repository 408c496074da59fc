import type { EsdbClient } from './client';
import { InFlight } from './in-flight';

/**
 * `@eventstore/db-client` 6.2.1 keeps the pending batch appends of every client of the process in
 * one module-wide map: when a client disposes its batch stream, the stream's error handler
 * rejects and forgets every pending append, other clients' too, and their answers then arrive
 * for ids it no longer knows, which throws inside the client and ends the process. So no client
 * is disposed while any append of the process is in flight, and no append starts while one is.
 */
const appends = new InFlight();
let disposing: Promise<void> | undefined;

export async function duringAppend<T>(append: () => Promise<T>): Promise<T> {
  while (disposing !== undefined) await disposing;
  return appends.run(append);
}

export async function disposeClient(client: EsdbClient): Promise<void> {
  while (disposing !== undefined) await disposing;
  const run = (async () => {
    await appends.idle();
    await client.dispose();
  })();
  disposing = run.then(
    () => undefined,
    () => undefined,
  );
  try {
    await run;
  } finally {
    disposing = undefined;
  }
}
