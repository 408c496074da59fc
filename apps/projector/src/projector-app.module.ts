import { type DynamicModule, Module } from '@nestjs/common';
import { HealthChecksModule, type Readiness } from '@app/platform/health';
import { MetricsModule } from '@app/platform/metrics';
import type { Registry } from 'prom-client';

export interface ProjectorAppOptions {
  readonly registry: Registry;
  /** METRICS_PORT: /metrics there instead of on PORT. */
  readonly metricsPort?: number;
  readonly readiness: readonly Readiness[];
}

/**
 * The projector's HTTP face, nothing else: /health/live, /health/ready and /metrics. The work
 * itself (projections, publisher) is built before Nest, in main.ts, so it needs no injection.
 */
@Module({})
export class ProjectorAppModule {
  static forRoot(options: ProjectorAppOptions): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        MetricsModule.forRoot({
          registry: options.registry,
          metricsPort: options.metricsPort,
          // No commands or queries here: request metrics would only count scrapes and probes.
          requestMetrics: false,
        }),
        HealthChecksModule.forRoot(options.readiness),
      ],
    };
  }
}
