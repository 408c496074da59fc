/**
 * A projector process for the crash test: runs the three projections against a PostgreSQL event
 * store and read-model schema named by the environment, each batch held open a little (so a
 * SIGKILL lands inside one), and stops gracefully on SIGTERM.
 *
 *   DATABASE_URL, EVENT_STORE_SCHEMA, READ_MODEL_SCHEMA, SLOW_BATCH_MS, CHILD_APP_NAME
 */
import { createPostgresEventStore } from '@app/event-store/postgres';
import { deletedSessionsAmong } from '../deletion';
import { createPostgresReadModels } from '../read-models';
import { Projector, type ProjectionDefinition } from '../runner';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  const connectionString = required('DATABASE_URL');
  const applicationName = process.env.CHILD_APP_NAME ?? 'read-models-crash-child';
  const slowSeconds = Number(process.env.SLOW_BATCH_MS ?? '0') / 1000;
  const eventStore = await createPostgresEventStore({
    connectionString,
    schema: required('EVENT_STORE_SCHEMA'),
    heldBackCheckIntervalMs: 0,
  });
  const readModels = await createPostgresReadModels({
    connectionString,
    schema: required('READ_MODEL_SCHEMA'),
    applicationName,
  });
  const slowed: ProjectionDefinition[] = readModels.projections.map((definition) => ({
    ...definition,
    apply: async (tx, events, names) => {
      await definition.apply(tx, events, names);
      // Rows written, checkpoint not yet: the window the crash test kills the process in.
      if (slowSeconds > 0) await tx.query('SELECT pg_sleep($1)', [slowSeconds]);
    },
  }));
  const projector = new Projector({
    executor: readModels.executor,
    eventStore,
    leases: readModels.leases,
    projections: slowed,
    deletedSessions: deletedSessionsAmong,
    batchSize: Number(process.env.BATCH_SIZE ?? '25'),
    leaseRetryMs: 100,
    backoff: { initialMs: 100, maxMs: 500 },
    onError: (error, projection) =>
      process.stderr.write(`[projector-child] ${projection}: ${String(error)}\n`),
  });
  projector.start();
  process.stdout.write(`started ${process.pid}\n`);
  process.once('SIGTERM', () => {
    void (async () => {
      await projector.stop();
      await readModels.close();
      await eventStore.close();
      process.stdout.write('stopped\n');
      process.exit(0);
    })();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`[projector-child] ${String(error)}\n`);
  process.exit(1);
});
