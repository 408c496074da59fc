import type { Position } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import { readActiveCheckpoint } from '@app/consumers';
import { generationTableNames, type TableNames } from './projection-definition';

export class ProjectionNotReadyError extends Error {
  constructor(readonly projection: string) {
    super(`Read model ${projection} has not been created yet: is the projector running?`);
    this.name = 'ProjectionNotReadyError';
  }
}

export interface ActiveRead<T> {
  /** The last global position applied to the rows read (they may be a little newer). */
  readonly position: Position | undefined;
  readonly result: T;
}

const isUndefinedTable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '42P01';

/**
 * Runs a query against the projection's active generation. The position is read before the rows,
 * so it never claims more than the rows hold. A rebuild may swap and drop a generation between
 * the two reads: the query then runs once more against the new one.
 */
export async function readActive<T>(
  db: SqlExecutor,
  projection: string,
  query: (names: TableNames) => Promise<T>,
): Promise<ActiveRead<T>> {
  for (let attempt = 0; ; attempt += 1) {
    const checkpoint = await readActiveCheckpoint(db, projection);
    if (checkpoint === undefined) throw new ProjectionNotReadyError(projection);
    try {
      const result = await query(generationTableNames(checkpoint.generation));
      return { position: checkpoint.position, result };
    } catch (error) {
      if (attempt > 0 || !isUndefinedTable(error)) throw error;
    }
  }
}
