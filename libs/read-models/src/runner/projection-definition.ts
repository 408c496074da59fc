import type { SessionEvent } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import type { SessionFact } from '../events';

/** An event with the fact a projection reads from it. */
export interface ProjectedEvent {
  readonly event: RecordedEvent;
  readonly fact: SessionFact;
}

/** Maps a table's base name to the physical table of one generation (`<base>_g<n>`). */
export type TableNames = (base: string) => string;

/**
 * A read model's projection. Its rows live in generation tables so a rebuild can fill fresh ones
 * while queries keep reading the active ones. `apply` must be idempotent (applying a batch twice
 * leaves the same rows) and may assume events arrive in global order.
 */
export interface ProjectionDefinition {
  readonly name: string;
  /** Base names of its tables, dropped with a generation. */
  readonly tables: readonly string[];
  createTables(names: TableNames): readonly string[];
  apply(tx: SqlExecutor, events: readonly ProjectedEvent[], names: TableNames): Promise<void>;
  /** False only for the deletion records themselves; everything else skips deleted sessions. */
  readonly skipsDeletedSessions: boolean;
  /**
   * The event types it applies (default: every session event). Others are never read, so an
   * event this projection does not need cannot fail it.
   */
  readonly reads?: readonly SessionEvent['type'][];
}

export const generationTableNames =
  (generation: number): TableNames =>
  (base: string) =>
    `${base}_g${generation}`;
