import type { SchemaDatabase } from '@app/consumers';
import { applyMigrations, type Migration } from '@app/event-store/sql';

export const AUDIT_MIGRATIONS_LEDGER = 'audit_migrations';

/**
 * The sealer's leaf index, beside the consumers' checkpoints: every event it has seen as a leaf,
 * pending (seal_number NULL) until a seal covers it. Derived data: a verifier trusts none of it,
 * since every leaf is checked against a signed root through its inclusion proof.
 */
export const AUDIT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'seal leaves',
    statements: () => [
      `CREATE TABLE audit_leaves (
         position numeric(40, 0) PRIMARY KEY,
         stream_id text NOT NULL,
         version bigint NOT NULL,
         hash text NOT NULL,
         seal_number integer,
         leaf_index integer,
         seen_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX audit_leaves_stream ON audit_leaves (stream_id, version)`,
      `CREATE INDEX audit_leaves_seal ON audit_leaves (seal_number, leaf_index)`,
    ],
  },
];

export async function migrateAudit(executor: SchemaDatabase): Promise<void> {
  await applyMigrations(
    executor,
    { schema: executor.schema, table: AUDIT_MIGRATIONS_LEDGER },
    AUDIT_MIGRATIONS,
  );
}
