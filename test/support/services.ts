import { once } from 'node:events';
import { connect } from 'node:net';
import { resolveKafka } from './kafka-service';

/**
 * Resolves each external service once per test run, in the order docs/architecture.md ("Services in
 * tests") gives: an explicit URL, then testcontainers where a container runtime answers, then a
 * local service, else a reason to skip. Results travel to jest workers through environment
 * variables set in global setup.
 */
export type ServiceName = 'postgres' | 'eventstoredb' | 'kafka';

export interface ResolvedService {
  readonly url: string;
  /** How it was found: printed once per run. */
  readonly source: string;
  stop?: () => Promise<void>;
}

export type Resolution = ResolvedService | { readonly skipReason: string };

const ENV_URL: Record<ServiceName, string> = {
  postgres: 'DATABASE_URL',
  eventstoredb: 'EVENTSTORE_URL',
  kafka: 'KAFKA_BROKERS',
};

/** Name of the variable global setup sets for workers: the URL, or SKIP:<reason>. */
export const workerVariable = (service: ServiceName): string =>
  `TEST_SERVICE_${service.toUpperCase()}`;

async function portAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  const socket = connect({ host, port });
  const timer = setTimeout(() => socket.destroy(new Error('timeout')), timeoutMs);
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}

let runtimeAnswer: Promise<string | undefined> | undefined;

/** Undefined when a container runtime answers, else why not. */
export function containerRuntimeProblem(): Promise<string | undefined> {
  runtimeAnswer ??= (async () => {
    try {
      const { getContainerRuntimeClient } = await import('testcontainers');
      await getContainerRuntimeClient();
      return undefined;
    } catch (error) {
      return `no container runtime answers (${(error as Error).message.split('\n')[0]})`;
    }
  })();
  return runtimeAnswer;
}

async function resolvePostgres(): Promise<Resolution> {
  const explicit = process.env[ENV_URL.postgres];
  if (explicit) return { url: explicit, source: `DATABASE_URL (${redact(explicit)})` };
  const runtimeProblem = await containerRuntimeProblem();
  if (!runtimeProblem) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:16-alpine').start();
    return {
      url: container.getConnectionUri(),
      source: 'testcontainers (postgres:16-alpine)',
      stop: async () => {
        await container.stop();
      },
    };
  }
  if (await portAnswers('127.0.0.1', 5432)) {
    return {
      url: 'postgres://postgres@127.0.0.1:5432/test',
      source: 'local PostgreSQL at 127.0.0.1:5432',
    };
  }
  return {
    skipReason: `PostgreSQL unavailable: DATABASE_URL is not set, ${runtimeProblem}, and nothing listens on 127.0.0.1:5432`,
  };
}

async function resolveEventStoreDb(): Promise<Resolution> {
  const explicit = process.env[ENV_URL.eventstoredb];
  if (explicit) return { url: explicit, source: `EVENTSTORE_URL (${explicit})` };
  const runtimeProblem = await containerRuntimeProblem();
  if (!runtimeProblem) {
    const { GenericContainer, Wait } = await import('testcontainers');
    // EVENTSTORE_IMAGE picks another server line (e.g. eventstore/eventstore:23.10.1-bookworm-slim).
    const image = process.env.EVENTSTORE_IMAGE ?? 'docker.kurrent.io/kurrent-latest/kurrentdb:25.1';
    const container = await new GenericContainer(image)
      .withEnvironment({
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_RUN_PROJECTIONS: 'None',
        KURRENTDB_MEM_DB: 'true',
        KURRENTDB_ENABLE_ATOM_PUB_OVER_HTTP: 'true',
        // The same settings under the names EventStoreDB images before KurrentDB read.
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
        EVENTSTORE_MEM_DB: 'true',
        EVENTSTORE_ENABLE_ATOM_PUB_OVER_HTTP: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .start();
    return {
      url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
      source: `testcontainers (${image})`,
      stop: async () => {
        await container.stop();
      },
    };
  }
  return {
    skipReason: `EventStoreDB unavailable: EVENTSTORE_URL is not set and ${runtimeProblem}; it cannot run on this machine without one of them`,
  };
}

export const resolvers: Record<ServiceName, () => Promise<Resolution>> = {
  postgres: resolvePostgres,
  eventstoredb: resolveEventStoreDb,
  kafka: resolveKafka,
};

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}
