import { quoteIdentifier, type SqlExecutor } from '@app/event-store';

/**
 * One row per (caller, method, path, key). `session_id` lets a delete purge a session's records;
 * `claim_token` tells a holder whether its lease was taken over; `outcome` is the completed
 * record's IdempotencyOutcome as JSON text.
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
    outcome text,
    created_at timestamptz NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (caller, method, path, idempotency_key)
  )`);
  await adoptAnswerColumns(db, s, schema);
  await db.query(
    `CREATE INDEX IF NOT EXISTS idempotency_records_session ON ${s}.idempotency_records (session_id)`,
  );
  await db.query(
    `CREATE INDEX IF NOT EXISTS idempotency_records_created ON ${s}.idempotency_records (created_at)`,
  );
}

/**
 * Tables made before outcomes kept the whole answer in `status`, `headers` and `body`: those
 * records become refusal outcomes holding that answer, which the API replays as it was sent.
 */
async function adoptAnswerColumns(db: SqlExecutor, quoted: string, schema: string): Promise<void> {
  const legacy = await db.query(
    `SELECT 1 AS found FROM information_schema.columns
     WHERE table_schema = $1 AND table_name = 'idempotency_records' AND column_name = 'status'`,
    [schema],
  );
  if (legacy.length === 0) return;
  await db.query(`ALTER TABLE ${quoted}.idempotency_records ADD COLUMN IF NOT EXISTS outcome text`);
  await db.query(
    `UPDATE ${quoted}.idempotency_records
     SET outcome = json_build_object('kind', 'refusal', 'refusal', json_build_object(
       'status', status, 'headers', headers::json, 'body', body::json))::text
     WHERE state = 'completed' AND outcome IS NULL`,
  );
  await db.query(
    `ALTER TABLE ${quoted}.idempotency_records
     DROP COLUMN status, DROP COLUMN headers, DROP COLUMN body`,
  );
}
