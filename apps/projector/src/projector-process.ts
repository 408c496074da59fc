import { sealKeyPem, sealSignerFromPem } from '@app/audit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { KafkaPublisher } from '@app/messaging';
import { type AppConfig, closeConnectionsOnClose } from '@app/platform';
import {
  consumerChecks,
  eventStoreReachable,
  sqlReachable,
  type Readiness,
} from '@app/platform/health';
import { createMetricsRegistry, registerConsumerMetrics } from '@app/platform/metrics';
import { ProjectorAppModule } from './projector-app.module';
import { ProjectorRuntime } from './projector-runtime';
import { openProjectorStores, type ProjectorStores } from './projector-stores';
import { startPublisher } from './start-publisher';
import type { AppLogger } from '@app/event-store';

export interface RunningProjector {
  readonly app: NestFastifyApplication;
  readonly runtime: ProjectorRuntime;
  readonly publisher: KafkaPublisher | undefined;
  /** Graceful: stop answering, finish batches and store checkpoints, release leases, close stores. */
  stop(): Promise<void>;
}

export interface StartProjectorOptions {
  /** Tests pass stores on their own schema; by default openProjectorStores(config). */
  readonly stores?: ProjectorStores;
  readonly env?: NodeJS.ProcessEnv;
  /** Listen on config.port (default true); tests inject instead. */
  readonly listen?: boolean;
  /** Start-up notices ("waiting for DATABASE_URL ..."). */
  readonly notice?: (line: string) => void;
}

/**
 * The projector's readiness: it cannot work without the event store or the read-model database
 * (which also holds the checkpoints), so either unreachable is `down`; each consumer of the log
 * is up, `standby` behind another replica's lease, or `degraded` with its reasons named.
 */
export function projectorReadiness(
  stores: ProjectorStores,
  runtime: ProjectorRuntime,
): Readiness[] {
  const readModels = stores.readModels.executor;
  return [
    eventStoreReachable(() => stores.eventStore.headPosition()),
    sqlReachable('readModels', readModels, 'down', { kind: readModels.kind }),
    consumerChecks(
      () => runtime.consumerNames(),
      () => runtime.status(),
    ),
  ];
}

/** Builds and starts the projector process: projections, publisher, health and metrics. */
export async function startProjector(
  config: AppConfig,
  logger: AppLogger,
  options: StartProjectorOptions = {},
): Promise<RunningProjector> {
  const stores = options.stores ?? (await openProjectorStores(config, options.notice));
  // The seals' key, from the same configuration as the API's (required in production).
  const signer = stores.rawEventStore
    ? sealSignerFromPem(
        sealKeyPem({ nodeEnv: config.nodeEnv, dataDir: config.dataDir, env: process.env }),
      )
    : undefined;
  const runtime = new ProjectorRuntime(stores, logger, {}, signer);
  runtime.start();
  let publisher: KafkaPublisher | undefined;
  try {
    publisher = startPublisher(config, stores, logger, options.env);
  } catch (error) {
    await runtime.stop();
    throw error;
  }
  runtime.attachPublisher(publisher);

  const registry = createMetricsRegistry({ labels: { app: 'projector' } });
  registerConsumerMetrics(registry, () => runtime.status());
  const readiness = projectorReadiness(stores, runtime);

  const app = await NestFactory.create<NestFastifyApplication>(
    ProjectorAppModule.forRoot({ registry, metricsPort: config.metricsPort, readiness }),
    new FastifyAdapter(),
    { logger: ['error', 'warn'], abortOnError: false },
  );
  // A health or metrics poller's keep-alive connection must not hold the stop.
  closeConnectionsOnClose(app.getHttpAdapter().getInstance());
  await app.init();
  if (options.listen ?? true) await app.listen({ port: config.port, host: '0.0.0.0' });

  let stopping: Promise<void> | undefined;
  return {
    app,
    runtime,
    publisher,
    stop: () =>
      (stopping ??= (async () => {
        await app.close();
        await runtime.stop();
      })()),
  };
}
