import { StoreUnavailableError } from '../port';
import { StatementBatcher, type BatchedStatement } from './statement-batcher';

/** A statement that doubles numbers, recording how it was called; `refuse` fails a batch holding it. */
function doubling(options: { maxBatchSize?: number; refuse?: number; failure?: Error } = {}): {
  readonly statement: BatchedStatement<number, number>;
  readonly calls: (number | number[])[];
} {
  const calls: (number | number[])[] = [];
  const statement: BatchedStatement<number, number> = {
    maxBatchSize: options.maxBatchSize ?? 64,
    keyOf: (input) => String(input),
    one: (input) => {
      calls.push(input);
      return input === options.refuse
        ? Promise.reject(new Error(`refused ${input}`))
        : Promise.resolve(input * 2);
    },
    many: (inputs) => {
      calls.push([...inputs]);
      if (options.failure) return Promise.reject(options.failure);
      if (options.refuse !== undefined && inputs.includes(options.refuse)) {
        return Promise.reject(new Error('the batch holds a refused input'));
      }
      return Promise.resolve(inputs.map((input) => input * 2));
    },
  };
  return { statement, calls };
}

describe('StatementBatcher', () => {
  it('sends what is submitted in one turn of the event loop as one statement', async () => {
    const { statement, calls } = doubling();
    const batcher = new StatementBatcher(statement);
    await expect(Promise.all([1, 2, 3].map((n) => batcher.submit(n)))).resolves.toEqual([2, 4, 6]);
    expect(calls).toEqual([[1, 2, 3]]);
  });

  it('runs a lone input by itself, and later turns as statements of their own', async () => {
    const { statement, calls } = doubling();
    const batcher = new StatementBatcher(statement);
    await expect(batcher.submit(5)).resolves.toBe(10);
    await expect(Promise.all([batcher.submit(6), batcher.submit(7)])).resolves.toEqual([12, 14]);
    expect(calls).toEqual([5, [6, 7]]);
  });

  it('never puts two inputs with one key in a statement: the later one waits for the earlier', async () => {
    const { statement, calls } = doubling();
    const batcher = new StatementBatcher(statement);
    const results = Promise.all([1, 1, 2, 1].map((n) => batcher.submit(n)));
    await expect(results).resolves.toEqual([2, 2, 4, 2]);
    expect(calls).toEqual([[1, 2], 1, 1]);
  });

  it('sends a full batch without waiting for the turn to end', async () => {
    const { statement, calls } = doubling({ maxBatchSize: 2 });
    const batcher = new StatementBatcher(statement);
    const first = Promise.all([batcher.submit(1), batcher.submit(2)]);
    expect(calls).toEqual([[1, 2]]);
    const rest = Promise.all([batcher.submit(3)]);
    await expect(first).resolves.toEqual([2, 4]);
    await expect(rest).resolves.toEqual([6]);
    expect(calls).toEqual([[1, 2], 3]);
  });

  it('a failed batch runs each input alone: only the one the database refuses fails', async () => {
    const { statement, calls } = doubling({ refuse: 2 });
    const batcher = new StatementBatcher(statement);
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('refused 2') },
      { status: 'fulfilled', value: 6 },
    ]);
    expect(calls).toEqual([[1, 2, 3], 1, 2, 3]);
  });

  it('a lost connection fails the whole batch at once, without a statement per input', async () => {
    const lost = new StoreUnavailableError('Event store unavailable during query: gone');
    const { statement, calls } = doubling({ failure: lost });
    const batcher = new StatementBatcher(statement);
    const outcomes = await Promise.allSettled([1, 2].map((n) => batcher.submit(n)));
    expect(outcomes).toEqual([
      { status: 'rejected', reason: lost },
      { status: 'rejected', reason: lost },
    ]);
    expect(calls).toEqual([[1, 2]]);
  });
});
