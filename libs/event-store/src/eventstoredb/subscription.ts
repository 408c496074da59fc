import { excludeSystemEvents, START } from '@eventstore/db-client';
import {
  comparePositions,
  StoreUnavailableError,
  type Position,
  type RecordedEvent,
} from '../port';
import { backoffDelay, type BackoffPolicy, type Sleep } from './backoff';
import type { EsdbClient, EsdbSubscription } from './client';
import { fromEsdbEvent, isSystemEvent } from './event-mapping';
import { decodePosition } from './positions';
import { isTransient, translateError } from './translate-error';
import type { AppLogger } from '../logging';

export interface ResubscribePolicy extends BackoffPolicy {
  /** Consecutive failed attempts (no event delivered in between) before the iteration throws. */
  readonly maxAttempts: number;
}

export interface SubscriptionDeps {
  /** A getter: after a reconnect the next attempt uses the new client. */
  readonly client: () => EsdbClient;
  readonly policy: ResubscribePolicy;
  readonly sleep: Sleep;
  /** Told of every failed attempt, so a subscription that keeps failing is seen, not silent. */
  readonly logger: AppLogger;
}

const STOPPED = Symbol('stopped');

/** The iterator's next result, or STOPPED as soon as the signal aborts, without leaking listeners. */
function nextUnlessStopped<T>(
  iterator: AsyncIterator<T>,
  signal: AbortSignal,
): Promise<IteratorResult<T> | typeof STOPPED> {
  if (signal.aborted) return Promise.resolve(STOPPED);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(STOPPED);
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function release(subscription: EsdbSubscription, iterator: AsyncIterator<unknown>): void {
  // Not awaited: a dead connection must not hold up the consumer; failures here change nothing.
  subscription.unsubscribe().catch(() => undefined);
  iterator.return?.().catch(() => undefined);
}

/**
 * Follows `$all` (without system events) after `after`, and when the client's subscription fails
 * or ends, subscribes again from the last position it DELIVERED, never from a checkpoint the server
 * reported (that may lie beyond events not yet handed over). Anything at or before the last
 * delivered position is dropped, so a resubscription never repeats an event; starting exactly
 * after it means none is skipped.
 */
export async function* subscribeWithResume(
  deps: SubscriptionDeps,
  after: Position | undefined,
  stop: AbortSignal,
): AsyncGenerator<RecordedEvent> {
  let lastDelivered = after;
  let failures = 0;
  while (!stop.aborted) {
    const subscription = deps.client().subscribeToAll({
      fromPosition: lastDelivered === undefined ? START : decodePosition(lastDelivered),
      resolveLinkTos: false,
      filter: excludeSystemEvents(),
    });
    const iterator = subscription[Symbol.asyncIterator]();
    let failure: unknown = undefined;
    try {
      for (;;) {
        const next = await nextUnlessStopped(iterator, stop);
        if (next === STOPPED || next.done === true) break;
        const event = next.value.event;
        if (event === undefined || isSystemEvent(event)) continue;
        const recorded = fromEsdbEvent(event);
        if (lastDelivered !== undefined && comparePositions(recorded.position, lastDelivered) <= 0)
          continue;
        lastDelivered = recorded.position;
        failures = 0;
        yield recorded;
      }
    } catch (error) {
      failure = error;
    } finally {
      release(subscription, iterator);
    }
    if (stop.aborted) return;
    // A refusal (an invalid checkpoint, access denied) comes back on every attempt: fail now.
    // A subscription that ends without an error was cut too (catch-up subscriptions never end).
    if (failure !== undefined && !isTransient(failure))
      throw translateError(failure, { operation: 'subscribe' });
    failures += 1;
    const reason = failure instanceof Error ? failure.message : 'the stream ended';
    if (failures > deps.policy.maxAttempts) {
      throw new StoreUnavailableError(
        `EventStoreDB subscription failed ${failures} times in a row, last: ${reason}`,
        { cause: failure },
      );
    }
    const delay = backoffDelay(deps.policy, failures - 1);
    deps.logger.warn(
      `EventStoreDB subscription failed (attempt ${failures} of ${deps.policy.maxAttempts}), resubscribing in ${delay} ms: ${reason}`,
      { after: lastDelivered ?? null },
    );
    await deps.sleep(delay, stop);
  }
}
