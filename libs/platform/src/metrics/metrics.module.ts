import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { Registry } from 'prom-client';
import { MetricsController } from './metrics.controller';
import { MetricsRecorder } from './metrics-recorder';
import { createMetricsRegistry, type MetricsRegistryOptions } from './metrics-registry';
import { type MetricsServer, startMetricsServer } from './metrics-server';
import { METRICS_REGISTRY } from './metrics.tokens';
import { RequestMetrics } from './request-metrics';
import { RequestMetricsGuard } from './request-metrics.guard';

export interface MetricsModuleOptions extends MetricsRegistryOptions {
  /**
   * config.metricsPort (METRICS_PORT): when set, /metrics is served there by a server of its own
   * and not on the app's port; absent, the app serves GET /metrics itself.
   */
  readonly metricsPort?: number;
  /** The address the METRICS_PORT server listens on (the app's HOST); 0.0.0.0 when absent. */
  readonly metricsHost?: string;
  /** A registry made elsewhere (tests, or a process that registers metrics before Nest starts). */
  readonly registry?: Registry;
  /** Register RequestMetricsGuard as a global guard (default true). */
  readonly requestMetrics?: boolean;
}

const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');

/** Starts and stops the METRICS_PORT server with the app. */
@Injectable()
class MetricsPortLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: MetricsServer | undefined;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(METRICS_OPTIONS) private readonly options: MetricsModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.metricsPort === undefined) return;
    this.server = await startMetricsServer(
      this.registry,
      this.options.metricsPort,
      this.options.metricsHost,
    );
    this.logger.log(`metrics served on port ${this.server.port} (METRICS_PORT)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }
}

/**
 * Prometheus metrics for an app: the registry (METRICS_REGISTRY), RequestMetrics and its global
 * guard, MetricsRecorder for the event store's appends and conflicts, and `/metrics` (on
 * the app, or on METRICS_PORT). Global, so any module can inject the recorder.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: METRICS_OPTIONS, useValue: options },
      {
        provide: METRICS_REGISTRY,
        useFactory: () => options.registry ?? createMetricsRegistry(options),
      },
      {
        provide: RequestMetrics,
        useFactory: (r: Registry) => new RequestMetrics(r),
        inject: [METRICS_REGISTRY],
      },
      {
        provide: MetricsRecorder,
        useFactory: (r: Registry) => new MetricsRecorder(r),
        inject: [METRICS_REGISTRY],
      },
      RequestMetricsGuard,
      MetricsPortLifecycle,
    ];
    if (options.requestMetrics ?? true) {
      providers.push({ provide: APP_GUARD, useExisting: RequestMetricsGuard });
    }
    return {
      module: MetricsModule,
      controllers: options.metricsPort === undefined ? [MetricsController] : [],
      providers,
      exports: [METRICS_REGISTRY, RequestMetrics, MetricsRecorder, RequestMetricsGuard],
    };
  }
}
