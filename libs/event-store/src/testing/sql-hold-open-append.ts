import type { AppendResult, EventStore, ExpectedVersion, NewEvent } from '../port';
import { SqlEventStore } from '../sql';
import type { HeldOpenAppend } from './conformance-harness';

/**
 * holdOpenAppend for the SQL stores, built on SqlEventStore.transaction: the append runs, then
 * the transaction waits for the test to commit or roll back. Only meaningful where transactions
 * can be concurrent (PostgreSQL); on PGlite the held transaction would block everything.
 */
export async function sqlHoldOpenAppend(
  store: EventStore,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedVersion = 'any',
): Promise<HeldOpenAppend> {
  if (!(store instanceof SqlEventStore))
    throw new TypeError('sqlHoldOpenAppend needs a SqlEventStore');
  let decide: (commit: boolean) => void = () => undefined;
  const decision = new Promise<boolean>((resolve) => {
    decide = resolve;
  });
  let appended: (result: AppendResult) => void = () => undefined;
  const appendedOnce = new Promise<AppendResult>((resolve) => {
    appended = resolve;
  });
  const rolledBack = new Error('held-open append rolled back by the test');
  const transaction = store.transaction(async (tx) => {
    const result = await tx.append(streamId, events, expected);
    appended(result);
    if (!(await decision)) throw rolledBack;
    return result;
  });
  // The append itself may fail; report that instead of waiting forever.
  const result = await Promise.race([appendedOnce, transaction]);
  return {
    commit: async () => {
      decide(true);
      await transaction;
      return result;
    },
    rollback: async () => {
      decide(false);
      await transaction.then(
        () => {
          throw new Error('held-open append committed instead of rolling back');
        },
        (error: unknown) => {
          if (error !== rolledBack) throw error;
        },
      );
    },
  };
}
