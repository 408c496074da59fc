import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import {
  createEmbeddedEventStore,
  createEventStoreDbEventStore,
  createPostgresEventStore,
  defaultUpcasterRegistry,
  type EventStore,
  PgliteDatabase,
  withUpcasting,
} from '@app/event-store';
import { type AppConfig, DEV_JWT_SECRET, loadConfig, signDevToken } from '@app/platform';
import { createEmbeddedReadModels, createPostgresReadModels } from '@app/read-models';
import type { OperatorBackend } from './backend';
import { directBackend } from './direct-backend';
import { httpBackend } from './http-backend';

export type Env = Readonly<Record<string, string | undefined>>;

/** Whether an app answers at this base URL (its liveness probe, within a second). */
export async function appAnswers(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/health/live`, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * The configuration the apps read. The CLI signs a token only for the embedded app (where the
 * development default is valid); elsewhere it needs no JWT settings, so a random secret
 * satisfies the validation when none is given.
 */
function cliConfig(env: Env): AppConfig {
  const embedded =
    (env.EVENT_STORE ?? 'embedded') === 'embedded' &&
    (env.READ_MODEL_STORE ?? 'embedded') === 'embedded';
  const jwtGiven = (env.JWT_SECRET ?? '') !== '' || (env.JWT_JWKS_URL ?? '') !== '';
  return loadConfig(
    jwtGiven || embedded ? env : { ...env, JWT_SECRET: randomBytes(32).toString('hex') },
  );
}

function rawEventStore(config: AppConfig): Promise<EventStore> | undefined {
  if (config.eventStore === 'postgres' && config.databaseUrl) {
    return createPostgresEventStore({
      connectionString: config.databaseUrl,
      applicationName: 'cli',
    });
  }
  if (config.eventStore === 'eventstoredb' && config.eventStoreUrl) {
    return Promise.resolve(
      createEventStoreDbEventStore({ connectionString: config.eventStoreUrl }),
    );
  }
  return undefined;
}

async function openPostgres(config: AppConfig, databaseUrl: string): Promise<OperatorBackend> {
  const raw = await rawEventStore(config);
  if (raw === undefined)
    throw new Error('EVENT_STORE=postgres needs DATABASE_URL, eventstoredb needs EVENTSTORE_URL');
  try {
    const readModels = await createPostgresReadModels({
      connectionString: databaseUrl,
      applicationName: 'cli',
    });
    return directBackend(
      {
        eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
        readModels,
        close: async () => {
          await readModels.close();
          await raw.close();
        },
      },
      `directly: event store ${config.eventStore}, read models in PostgreSQL (DATABASE_URL)`,
    );
  } catch (error) {
    await raw.close();
    throw error;
  }
}

async function openEmbeddedFolder(config: AppConfig): Promise<OperatorBackend> {
  const dir = join(config.dataDir, 'pglite');
  if (!existsSync(dir)) {
    throw new Error(
      `no app answers on port ${config.port} and ${dir} holds no embedded store (DATA_DIR=${config.dataDir})`,
    );
  }
  const database = await PgliteDatabase.open(dir);
  try {
    const raw =
      config.eventStore === 'embedded'
        ? await createEmbeddedEventStore({ database })
        : await rawEventStore(config);
    if (raw === undefined) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_URL');
    const readModels = await createEmbeddedReadModels({ database });
    return directBackend(
      {
        eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
        readModels,
        close: async () => {
          await readModels.close();
          await raw.close();
          await database.close();
        },
      },
      `directly: the embedded store in ${dir} (no app answered on port ${config.port})`,
    );
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Reaches the data the way the configuration allows: PostgreSQL read models are opened directly;
 * an embedded store is one PGlite owned by the running app, so the CLI goes through that app's
 * HTTP API when it answers on 127.0.0.1:$PORT, and opens the DATA_DIR folder itself only when
 * no app holds it.
 */
export async function openOperatorBackend(env: Env, probe = appAnswers): Promise<OperatorBackend> {
  const config = cliConfig(env);
  if (config.readModelStore === 'postgres' && config.databaseUrl)
    return openPostgres(config, config.databaseUrl);
  const baseUrl = `http://127.0.0.1:${config.port}`;
  if (await probe(baseUrl)) {
    const key = config.jwt.key;
    if (key.kind !== 'hs256')
      throw new Error(
        'the app trusts only JWT_JWKS_URL: the CLI cannot sign an admin token for it',
      );
    const token = await signDevToken(
      {
        sub: 'cli-operator',
        role: 'admin',
        expiresIn: '10m',
        issuer: config.jwt.issuer,
        audience: config.jwt.audience,
        roleClaim: config.jwt.roleClaim,
      },
      key.secret ?? DEV_JWT_SECRET,
    );
    return httpBackend({ baseUrl, token });
  }
  return openEmbeddedFolder(config);
}
