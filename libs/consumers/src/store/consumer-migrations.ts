import { applyMigrations, type Migration } from '@app/event-store/sql';
import type { SchemaDatabase } from '../database';

/** The ledger of the consumer store's own migrations, in the consumers' schema. */
export const CONSUMER_MIGRATIONS_LEDGER = 'consumer_migrations';

/**
 * What every consumer of the log keeps, whatever its effect: which generation is active (a
 * rebuild fills the next one), one checkpoint per generation, the sessions set aside per
 * generation, and the report of the process running it (read by the others: the API shows the
 * projector's errors from here, not from its log).
 */
export const CONSUMER_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'consumer state, checkpoints, set-aside sessions and reports',
    statements: () => [
      `CREATE TABLE consumer_state (
         consumer text PRIMARY KEY,
         active_generation integer NOT NULL,
         last_generation integer NOT NULL
       )`,
      `CREATE TABLE consumer_checkpoints (
         consumer text NOT NULL,
         generation integer NOT NULL,
         position numeric(40, 0),
         last_recorded_at timestamptz,
         events_handled bigint NOT NULL DEFAULT 0,
         updated_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (consumer, generation)
       )`,
      `CREATE TABLE consumer_set_aside (
         consumer text NOT NULL,
         generation integer NOT NULL,
         session_id text NOT NULL,
         stream_id text NOT NULL,
         event_id text NOT NULL,
         event_type text NOT NULL,
         position numeric(40, 0) NOT NULL,
         error_code text NOT NULL,
         error_message text NOT NULL,
         set_aside_at timestamptz NOT NULL DEFAULT now(),
         context jsonb,
         retry_requested_at timestamptz,
         retries integer NOT NULL DEFAULT 0,
         last_retry_at timestamptz,
         last_retry_error text,
         PRIMARY KEY (consumer, generation, session_id)
       )`,
      `CREATE TABLE consumer_reports (
         consumer text PRIMARY KEY,
         holder text NOT NULL,
         state text NOT NULL,
         last_error text,
         last_error_at timestamptz,
         consecutive_errors integer NOT NULL DEFAULT 0,
         totals jsonb NOT NULL DEFAULT '{}',
         last_batch jsonb,
         reported_at timestamptz NOT NULL DEFAULT now()
       )`,
    ],
  },
];

/** Creates or upgrades the consumer store's tables in the executor's schema; safe to race. */
export function migrateConsumerStore(executor: SchemaDatabase): Promise<number[]> {
  return applyMigrations(
    executor,
    { schema: executor.schema, table: CONSUMER_MIGRATIONS_LEDGER },
    CONSUMER_MIGRATIONS,
  );
}
