import { applyMigrations, type Migration, type SqlDatabase } from '@app/event-store/sql';

/**
 * One row per (caller, method, path, key). `session_id` lets a delete purge a session's records;
 * `claim_token` tells a holder whether its lease was taken over; `outcome` is the completed
 * record's IdempotencyOutcome as JSON text. `IF NOT EXISTS`: deployments from before the ledger
 * already have these tables, and adopt them as they are.
 */
export const IDEMPOTENCY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'idempotency records',
    statements: () => [
      `CREATE TABLE IF NOT EXISTS idempotency_records (
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
       )`,
      'CREATE INDEX IF NOT EXISTS idempotency_records_session ON idempotency_records (session_id)',
      'CREATE INDEX IF NOT EXISTS idempotency_records_created ON idempotency_records (created_at)',
    ],
  },
  {
    version: 2,
    name: 'outcomes instead of answers',
    // Records made before kept the whole HTTP answer in status, headers and body: they become
    // refusal outcomes holding that answer, which the API replays as it was sent.
    statements: () => [
      'ALTER TABLE idempotency_records ADD COLUMN IF NOT EXISTS outcome text',
      `UPDATE idempotency_records
       SET outcome = json_build_object('kind', 'refusal', 'refusal', json_build_object(
         'status', status, 'headers', headers::json, 'body', body::json))::text
       WHERE state = 'completed' AND outcome IS NULL`,
      'ALTER TABLE idempotency_records DROP COLUMN status, DROP COLUMN headers, DROP COLUMN body',
    ],
  },
];

/** Creates or upgrades the idempotency records' tables in `schema`; safe to race. */
export async function migrateIdempotency(db: SqlDatabase, schema: string): Promise<void> {
  await applyMigrations(db, { schema, table: 'idempotency_migrations' }, IDEMPOTENCY_MIGRATIONS);
}
