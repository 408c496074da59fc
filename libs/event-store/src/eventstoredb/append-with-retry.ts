import type {
  AppendExpectedRevision,
  AppendResult as EsdbAppendResult,
  JSONEventData,
} from '@eventstore/db-client';
import { backoffDelay, type BackoffPolicy, type Sleep } from './backoff';
import type { EsdbClient } from './client';
import { duringAppend } from './client-disposal';
import { isTransient } from './translate-error';

export interface AppendRetryPolicy extends BackoffPolicy {
  /** Retries after the first attempt; 0 disables them. */
  readonly maxRetries: number;
}

/** Runs `action` again, after a backoff, while it fails transiently, at most `maxRetries` times. */
export async function retryTransient<T>(
  action: () => Promise<T>,
  policy: AppendRetryPolicy,
  sleep: Sleep,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= policy.maxRetries || !isTransient(error)) throw error;
      await sleep(backoffDelay(policy, attempt));
    }
  }
}

/**
 * The client multiplexes every append over one gRPC batch stream, and an error on that stream
 * rejects every append in flight, including ones the server may already have written. Sending the
 * same events (same ids) at the same expected revision again is safe: the server recognises them
 * and answers success without writing twice. Refusals (wrong expected version, deleted stream,
 * access denied) are final and never retried.
 */
export function appendWithRetry(
  client: () => EsdbClient,
  streamId: string,
  events: JSONEventData[],
  expectedRevision: AppendExpectedRevision,
  policy: AppendRetryPolicy,
  sleep: Sleep,
): Promise<EsdbAppendResult> {
  return retryTransient(
    () => duringAppend(() => client().appendToStream(streamId, events, { expectedRevision })),
    policy,
    sleep,
  );
}
