import {
  assertSchemaName,
  quoteIdentifier,
  type Position,
  type SqlExecutor,
} from '@app/event-store';
import type { CheckpointStore } from './checkpoint-store';

export const DEFAULT_CHECKPOINT_SCHEMA = 'messaging';

/**
 * Checkpoints in a small table of the relational database (PostgreSQL or PGlite: the same SQL).
 * Positions are stored as text: they are opaque decimal strings that may exceed a bigint's range.
 */
export class SqlCheckpointStore implements CheckpointStore {
  private readonly table: string;

  private constructor(
    private readonly db: SqlExecutor,
    schema: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.publisher_checkpoints`;
  }

  /** Creates the schema and table when missing (idempotent), then opens the store. */
  static async open(
    db: SqlExecutor,
    schema = DEFAULT_CHECKPOINT_SCHEMA,
  ): Promise<SqlCheckpointStore> {
    const store = new SqlCheckpointStore(db, assertSchemaName(schema));
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${store.table} (
         name text PRIMARY KEY,
         position text NOT NULL CHECK (position ~ '^(0|[1-9][0-9]*)$'),
         updated_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    return store;
  }

  async load(name: string): Promise<Position | undefined> {
    const rows = await this.db.query<{ position: string }>(
      `SELECT position FROM ${this.table} WHERE name = $1`,
      [name],
    );
    return rows[0]?.position;
  }

  async save(name: string, position: Position): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.table} (name, position) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      [name, position],
    );
  }
}
