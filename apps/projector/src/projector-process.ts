import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { KafkaPublisher, MessagingLogger } from '@app/messaging';
import { type AppConfig, closeConnectionsOnClose } from '@app/platform';
import { eventStoreReachable, lagUnder, type ReadinessCheck } from '@app/platform/health';
import { createMetricsRegistry, registerConsumerMetrics } from '@app/platform/metrics';
import { projectionStatuses, publisherStatuses } from './consumer-statuses';
import { withProjectionCounters } from './instrumented-stores';
import { ProjectionCounters } from './projection-counters';
import { ProjectorAppModule } from './projector-app.module';
import { ProjectorRuntime } from './projector-runtime';
import { openProjectorStores, type ProjectorStores } from './projector-stores';
import { startPublisher } from './start-publisher';

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

/** Builds and starts the projector process: projections, publisher, health and metrics. */
export async function startProjector(
  config: AppConfig,
  logger: MessagingLogger,
  options: StartProjectorOptions = {},
): Promise<RunningProjector> {
  const counters = new ProjectionCounters();
  const stores = withProjectionCounters(
    options.stores ?? (await openProjectorStores(config, options.notice)),
    counters,
  );
  const runtime = new ProjectorRuntime(stores, logger);
  runtime.start();
  let publisher: KafkaPublisher | undefined;
  try {
    publisher = await startPublisher(config, stores, logger, options.env);
  } catch (error) {
    await runtime.stop();
    throw error;
  }

  const registry = createMetricsRegistry({ labels: { app: 'projector' } });
  const projections = () => projectionStatuses(runtime, counters);
  const publishers = () => publisherStatuses(publisher);
  registerConsumerMetrics(registry, 'projection', projections);
  registerConsumerMetrics(registry, 'publisher', publishers);
  const readiness: ReadinessCheck[] = [
    eventStoreReachable(() => stores.eventStore.headPosition()),
    lagUnder('projections', projections),
    ...(publisher ? [lagUnder('publisher', publishers)] : []),
  ];

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
        await publisher?.stop();
        await runtime.stop();
      })()),
  };
}
