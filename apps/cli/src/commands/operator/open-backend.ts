import { randomBytes } from 'node:crypto';
import { sealKeyPem } from '@app/audit';
import { type EventStore, pause } from '@app/event-store';
import {
  createEmbeddedEventStore,
  DataDirHeldError,
  type DataDirHolder,
  DataDirLock,
  describeHolder,
  embeddedDatabaseDir,
  holderUrl,
  openEmbeddedFolder,
} from '@app/event-store/embedded';
import { createPostgresEventStore } from '@app/event-store/postgres';
import { defaultUpcasterRegistry, withUpcasting } from '@app/event-store/upcasting';
import { type AppConfig, DEV_JWT_SECRET, loadConfig, signDevToken } from '@app/platform';
import { createEmbeddedReadModels, createPostgresReadModels } from '@app/read-models';
import type { OperatorBackend } from './backend';
import { directBackend } from './direct-backend';
import { httpBackend } from './http-backend';

export type Env = Readonly<Record<string, string | undefined>>;

export interface OpenBackendOptions {
  /** An admin token for the app (`--token`); by default the CLI mints one with JWT_SECRET. */
  readonly token?: string;
  /** What the CLI runs, written into DATA_DIR's lock while it holds the folder. */
  readonly command?: string;
  /** Whether an app answers at a base URL (default: its liveness probe). */
  readonly probe?: (baseUrl: string) => Promise<boolean>;
  /** How long to wait for an app that holds DATA_DIR but does not serve yet (default 30 s). */
  readonly startingWaitMs?: number;
  /** Told once when the CLI waits for that app. */
  readonly notice?: (line: string) => void;
}

/** How long a minted admin token lives: long enough for a rebuild's polling, no longer. */
const ADMIN_TOKEN_TTL = '10m';
const STARTING_POLL_MS = 250;

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
  const eventStoreUrl = config.eventStoreUrl;
  if (config.eventStore === 'eventstoredb' && eventStoreUrl) {
    // Loaded only when configured: the gRPC client is the slowest module of a start.
    return import('@app/event-store/eventstoredb').then(({ createEventStoreDbEventStore }) =>
      createEventStoreDbEventStore({ connectionString: eventStoreUrl }),
    );
  }
  return undefined;
}

/** The key the app signs seals with, from the same configuration (sealKeyPem). */
function sealKeyPemOf(config: AppConfig): string {
  return sealKeyPem({ nodeEnv: config.nodeEnv, dataDir: config.dataDir, env: process.env });
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
        rawEventStore: raw,
        sealKeyPem: () => sealKeyPemOf(config),
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

/** DATA_DIR opened by the CLI itself, holding its lock until the command closes the backend. */
async function openEmbeddedDirectly(
  config: AppConfig,
  command: string | undefined,
): Promise<OperatorBackend> {
  const folder = await openEmbeddedFolder(config.dataDir, {
    app: 'cli',
    ...(command === undefined ? {} : { command }),
    mustExist: true,
  });
  try {
    const raw =
      config.eventStore === 'embedded'
        ? await createEmbeddedEventStore({ database: folder.database })
        : await rawEventStore(config);
    if (raw === undefined) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_URL');
    const readModels = await createEmbeddedReadModels({ database: folder.database });
    return directBackend(
      {
        eventStore: withUpcasting(raw, defaultUpcasterRegistry()),
        rawEventStore: raw,
        sealKeyPem: () => sealKeyPemOf(config),
        readModels,
        close: async () => {
          await readModels.close();
          await raw.close();
          await folder.close();
        },
      },
      `directly: the embedded store in ${embeddedDatabaseDir(folder.lock.dataDir)} (no app holds DATA_DIR; the CLI holds its lock until it ends)`,
    );
  } catch (error) {
    await folder.close();
    throw error;
  }
}

async function adminToken(config: AppConfig, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const key = config.jwt.key;
  if (key.kind !== 'hs256') {
    throw new Error(
      'the app trusts only JWT_JWKS_URL: the CLI cannot sign an admin token for it; pass --token <admin JWT>',
    );
  }
  return signDevToken(
    {
      sub: 'cli-operator',
      role: 'admin',
      expiresIn: ADMIN_TOKEN_TTL,
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      roleClaim: config.jwt.roleClaim,
    },
    key.secret ?? DEV_JWT_SECRET,
  );
}

/**
 * The embedded store belongs to whoever holds DATA_DIR's lock: the app holding it is reached
 * through its admin endpoints at the address its lock gives (whatever PORT says here); a folder
 * nobody holds (or whose holder died) is opened by the CLI itself, once it took the lock. The
 * CLI never opens a folder another process holds.
 */
async function openEmbedded(config: AppConfig, options: OpenBackendOptions) {
  const probe = options.probe ?? appAnswers;
  const deadline = Date.now() + (options.startingWaitMs ?? 30_000);
  let waited = false;
  const held = (holder: DataDirHolder, why: string): Error =>
    new Error(`DATA_DIR ${config.dataDir} is held by ${describeHolder(holder)}${why}`);
  for (;;) {
    const found = await DataDirLock.inspect(config.dataDir);
    if (found.state === 'unreadable') throw new Error(`DATA_DIR is locked: ${found.reason}`);
    if (found.state === 'held') {
      const { holder } = found;
      const url = holderUrl(holder);
      if (url !== undefined) {
        if (!(await probe(url))) {
          throw held(
            holder,
            `, which does not answer at ${url}; the CLI does not open a folder another process holds`,
          );
        }
        const token = await adminToken(config, options.token);
        return httpBackend({ baseUrl: url, token });
      }
      if (holder.app !== 'api') throw held(holder, ': try again once it has finished');
      // The app took the folder and opens its store: it serves in a few seconds.
      if (Date.now() >= deadline) throw held(holder, ', which has not started serving');
      if (!waited) {
        waited = true;
        options.notice?.(`waiting for ${describeHolder(holder)} to start serving`);
      }
      await pause(STARTING_POLL_MS);
      continue;
    }
    try {
      return await openEmbeddedDirectly(config, options.command);
    } catch (error) {
      // Taken by another process meanwhile: look again at who holds it.
      if (error instanceof DataDirHeldError && error.holder !== undefined) continue;
      throw error;
    }
  }
}

/**
 * Reaches the data the way the configuration allows: PostgreSQL read models are opened
 * directly; an embedded store is reached through its owner (see openEmbedded).
 */
export async function openOperatorBackend(
  env: Env,
  options: OpenBackendOptions = {},
): Promise<OperatorBackend> {
  const config = cliConfig(env);
  if (config.readModelStore === 'postgres' && config.databaseUrl)
    return openPostgres(config, config.databaseUrl);
  return openEmbedded(config, options);
}
