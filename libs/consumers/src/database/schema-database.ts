import type { SqlDatabase } from '@app/event-store/sql';

/**
 * What consumers of the log (and the read models they write) need from SQL: the event store's
 * SqlDatabase (one implementation over `pg`, one over PGlite, reused from libs/event-store/src/sql)
 * in the schema their statements run in, and which kind of database it is (leases differ).
 */
export interface SchemaDatabase extends SqlDatabase {
  /** 'postgres' has a pool and real leases; 'embedded' is one connection in this process. */
  readonly kind: 'postgres' | 'embedded';
  /** The schema every statement runs in (its search_path). */
  readonly schema: string;
}
