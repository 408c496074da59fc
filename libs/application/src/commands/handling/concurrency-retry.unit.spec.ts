import { WrongExpectedVersionError } from '@app/event-store';
import { ConcurrencyRetriesExhaustedError } from '@app/platform';
import { withConcurrencyRetry } from './concurrency-retry';

describe('withConcurrencyRetry', () => {
  it('re-runs the whole attempt after a lost race and answers the winner', async () => {
    let calls = 0;
    const result = await withConcurrencyRetry(() => {
      calls += 1;
      if (calls < 3) return Promise.reject(new WrongExpectedVersionError('s', 1, 2));
      return Promise.resolve('done');
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the bound with a 409 concurrency-retries-exhausted', async () => {
    let calls = 0;
    const attempt = withConcurrencyRetry(() => {
      calls += 1;
      return Promise.reject(new WrongExpectedVersionError('s', 1, 2));
    }, 4);
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyRetriesExhaustedError);
    expect(calls).toBe(4);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    const attempt = withConcurrencyRetry(() => {
      calls += 1;
      return Promise.reject(new Error('boom'));
    });
    await expect(attempt).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });
});
