import { Client } from 'pg';
import { createPostgresEventStore, type PostgresEventStoreOptions } from '../postgres';
import type { EventStoreHarness } from './conformance-harness';
import { sqlHoldOpenAppend } from './sql-hold-open-append';

/**
 * The PostgreSQL adapter in the conformance suite: every store of one harness shares `schema`
 * and an application name, by which dropConnections finds and terminates its sessions.
 */
export function postgresHarness(
  connectionString: string,
  schema: string,
  options: Partial<PostgresEventStoreOptions> = {},
): EventStoreHarness {
  const applicationName = `es-test:${schema}`;
  return {
    adapterName: `postgres (schema ${schema})`,
    create: () =>
      createPostgresEventStore({
        connectionString,
        schema,
        applicationName,
        heldBackCheckIntervalMs: 0,
        subscription: { retryDelayMs: 50 },
        ...options,
      }),
    destroy: (store) => store.close(),
    holdOpenAppend: sqlHoldOpenAppend,
    dropConnections: async () => {
      const admin = new Client({ connectionString });
      await admin.connect();
      try {
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
      } finally {
        await admin.end();
      }
    },
  };
}

/** Drops a test file's schema (and everything in it). */
export async function dropSchema(connectionString: string, schema: string): Promise<void> {
  const admin = new Client({ connectionString });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}
