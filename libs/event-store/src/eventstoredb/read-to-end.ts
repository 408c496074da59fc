/**
 * Hands a client read's events to `take` until it returns false, then reads the rest to the end.
 * The client keeps each read's gRPC stream until that stream is read to its end; one left early
 * (a `break` or a throw out of `for await` destroys only the client's Transform above it) stays
 * for good, and the client's dispose() then waits for ever. Every read here is bounded by a
 * count, so the rest is at most a page. A failure of `take` is rethrown once the read is drained.
 */
export async function readToEnd<T>(
  read: AsyncIterable<T>,
  take: (item: T) => boolean,
): Promise<void> {
  let taking = true;
  let failure: { error: unknown } | undefined;
  for await (const item of read) {
    if (!taking) continue;
    try {
      taking = take(item);
    } catch (error) {
      failure = { error };
      taking = false;
    }
  }
  if (failure !== undefined) throw failure.error;
}
