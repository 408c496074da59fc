import { SessionNotFoundError } from '@app/domain';
import { StoreUnavailableError } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError, ManualClock } from '@app/platform';
import { answer, type CommandAnswer } from '../answers/command-answer';
import { ConcurrencyRetriesExhaustedError } from '../errors';
import type { IdempotencyScope } from './idempotency-scope';
import type { ClaimOutcome, IdempotencyStore } from './idempotency-store';
import { IdempotentExecutor } from './idempotent-executor';

const scope: IdempotencyScope = { caller: 'pro-1', method: 'POST', path: '/x', key: 'k' };
const noSql: SqlExecutor = { query: () => Promise.resolve([]) };

/** An IdempotencyStore that answers a scripted claim and records what happens to the key. */
function storeAnswering(outcome: ClaimOutcome) {
  const calls: string[] = [];
  const store = {
    claim: () => Promise.resolve(outcome),
    complete: (_sql: SqlExecutor, _s: IdempotencyScope, _t: string, a: CommandAnswer) => {
      calls.push(`complete ${a.status}`);
      return Promise.resolve(true);
    },
    completeRefusal: (_s: IdempotencyScope, _t: string, a: CommandAnswer) => {
      calls.push(`refusal ${a.status}`);
      return Promise.resolve(true);
    },
    release: () => {
      calls.push('release');
      return Promise.resolve();
    },
  };
  const executor = new IdempotentExecutor(
    store as unknown as IdempotencyStore,
    new ManualClock('2026-01-01T00:00:00Z'),
  );
  return { calls, executor };
}

const claimed: ClaimOutcome = { kind: 'claimed', token: 't' };

describe('IdempotentExecutor', () => {
  it('runs without a key and stores nothing', async () => {
    const { calls, executor } = storeAnswering(claimed);
    const result = await executor.execute({ body: {} }, () =>
      Promise.resolve(answer(200, { a: 1 })),
    );
    expect(result.body).toEqual({ a: 1 });
    expect(calls).toEqual([]);
  });

  it('replays a completed answer without running the command', async () => {
    const stored = answer(201, { sessionId: 's' }, { location: '/s' });
    const { executor } = storeAnswering({ kind: 'replay', answer: stored });
    const run = jest.fn();
    await expect(executor.execute({ scope, body: {} }, run)).resolves.toBe(stored);
    expect(run).not.toHaveBeenCalled();
  });

  it('answers 422 for another body and 409 with Retry-After for a key in flight', async () => {
    await expect(
      storeAnswering({ kind: 'reused' }).executor.execute({ scope, body: {} }, jest.fn()),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    const busy = storeAnswering({
      kind: 'in-flight',
      leaseUntil: new Date('2026-01-01T00:00:20Z'),
    });
    const error = await busy.executor
      .execute({ scope, body: {} }, jest.fn())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdempotencyKeyInFlightError);
    expect((error as IdempotencyKeyInFlightError).headers()).toEqual({ 'Retry-After': '20' });
  });

  it('completes through the key the command holds', async () => {
    const { calls, executor } = storeAnswering(claimed);
    await executor.execute({ scope, body: {} }, async (key) => {
      const reply = answer(200, {});
      await key?.complete(noSql, reply);
      return reply;
    });
    expect(calls).toEqual(['complete 200']);
  });

  it('stores a refusal (4xx) as the answer, as problem+json', async () => {
    const { calls, executor } = storeAnswering(claimed);
    await expect(
      executor.execute({ scope, body: {} }, () => Promise.reject(new SessionNotFoundError('s'))),
    ).rejects.toBeInstanceOf(SessionNotFoundError);
    expect(calls).toEqual(['refusal 404']);
  });

  it.each([
    ['the store is unavailable (503)', new StoreUnavailableError('down')],
    ['a bug (500)', new TypeError('bug')],
    ['concurrency retries ran out', new ConcurrencyRetriesExhaustedError('s', 5)],
  ])('releases the key when %s', async (_name, failure) => {
    const { calls, executor } = storeAnswering(claimed);
    await expect(executor.execute({ scope, body: {} }, () => Promise.reject(failure))).rejects.toBe(
      failure,
    );
    expect(calls).toEqual(['release']);
  });
});
