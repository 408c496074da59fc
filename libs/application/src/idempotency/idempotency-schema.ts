import { quoteIdentifier, type SqlExecutor } from '@app/event-store';

/**
 * One row per (caller, method, path, key). `session_id` lets a delete purge a session's records;
 * `claim_token` tells a holder whether its lease was taken over. Bodies are kept as text so a
 * replay returns the stored answer exactly.
 */
export async function migrateIdempotency(db: SqlExecutor, schema: string): Promise<void> {
  const s = quoteIdentifier(schema);
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${s}.idempotency_records (
    caller text NOT NULL,
    method text NOT NULL,
    path text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash text NOT NULL,
    claim_token text NOT NULL,
    state text NOT NULL CHECK (state IN ('in-flight', 'completed')),
    lease_until timestamptz NOT NULL,
    session_id text,
    status integer,
    headers text,
    body text,
    created_at timestamptz NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (caller, method, path, idempotency_key)
  )`);
  await db.query(
    `CREATE INDEX IF NOT EXISTS idempotency_records_session ON ${s}.idempotency_records (session_id)`,
  );
  await db.query(
    `CREATE INDEX IF NOT EXISTS idempotency_records_created ON ${s}.idempotency_records (created_at)`,
  );
}
