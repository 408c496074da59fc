import { Client } from 'pg';
import type { ServiceAvailability } from '@test/support/requires-service';
import { readComposeFile } from './compose-files';

/**
 * What the ops tests share to run the apps as the compose stack does, but against the services
 * this machine has (no container engine): the compose file's environment with the store
 * settings pointed at the local PostgreSQL (a database of the test's own) and Kafka.
 */

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE). */
async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface ScratchDatabase {
  /** The connection string of the new database. */
  readonly url: string;
  /** Drops it, ending any session still connected. */
  drop(): Promise<void>;
}

/** A database of its own on the local server, so a test's event store and read models start empty. */
export async function createScratchDatabase(
  serverUrl: string,
  name: string,
): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** `${NAME:-default}` as Compose interpolates it with NAME unset. */
const interpolate = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [k, v.replace(/\$\{\w+:-([^}]*)\}/g, '$1')]),
  );

export interface LocalOverrides {
  readonly databaseUrl: string;
  readonly port: number;
  readonly kafka: ServiceAvailability;
  /**
   * The API's METRICS_PORT: in production (the compose environment) it would take 9464, which
   * two apps of one run, or two runs on one machine, cannot share.
   */
  readonly metricsPort?: number;
  /** Anything else to set (JWT_SECRET, LOG_LEVEL...). */
  readonly extra?: Record<string, string>;
}

/**
 * The environment docker/compose.yml gives `service`, with the store settings overridden: no
 * EventStoreDB here, so the event store is PostgreSQL; Kafka only when global setup resolved one
 * (else the publisher is off).
 */
export function composeEnvironment(
  service: 'api' | 'projector',
  local: LocalOverrides,
): Record<string, string> {
  const compose = readComposeFile('compose.yml');
  const env: Record<string, string> = {
    ...interpolate(compose.services[service].environment ?? {}),
    EVENT_STORE: 'postgres',
    DATABASE_URL: local.databaseUrl,
    PORT: String(local.port),
    ...(local.metricsPort === undefined ? {} : { METRICS_PORT: String(local.metricsPort) }),
    LOG_LEVEL: 'warn',
    ...local.extra,
  };
  delete env.EVENTSTORE_URL;
  if (local.kafka.available) env.KAFKA_BROKERS = local.kafka.url;
  else delete env.KAFKA_BROKERS;
  return env;
}
