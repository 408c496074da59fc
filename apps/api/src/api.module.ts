import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule, type ApplicationModuleOptions } from '@app/application';
import { apiMetricsPort, PlatformModule, type PlatformModuleOptions } from '@app/platform';
import { METRICS_REGISTRY, MetricsModule } from '@app/platform/metrics';
import type { Registry } from 'prom-client';
import {
  AdminModule,
  PROJECTION_ADMIN,
  type ProjectionAdmin,
  registerProjectionAdminMetrics,
} from './admin';
import { AuditModule } from './audit/audit.module';
import { CalendarModule } from './calendar/calendar.module';
import {
  apiReadiness,
  ConsumerStatuses,
  STORES,
  type Stores,
  StoresModule,
  type StoresModuleOptions,
} from './composition';
import { DeletionsModule } from './deletions/deletions.module';
import { HealthChecksModule } from '@app/platform/health';
import { ReportsModule } from './reports/reports.module';
import { SessionsModule } from './sessions/sessions.module';
import { WorkstationsModule } from './workstations/workstations.module';

export interface ApiModuleOptions {
  /** Config, clock, ids, logging (tests pin the clock and pass a config). */
  readonly platform?: PlatformModuleOptions;
  /** Schemas, a shared PGlite, and whether to run the projector in this process. */
  readonly stores?: StoresModuleOptions;
  readonly application?: ApplicationModuleOptions;
}

/** Where the consumers run in this process, their figures belong on this app's /metrics. */
const projectionMetrics = {
  provide: 'PROJECTION_METRICS',
  useFactory: (registry: Registry, admin: ProjectionAdmin) =>
    registerProjectionAdminMetrics(registry, admin),
  inject: [METRICS_REGISTRY, PROJECTION_ADMIN],
};

/**
 * The HTTP API: platform, metrics (/metrics, or METRICS_PORT: in production 9464 by default), stores, application (CQRS), one
 * module per feature, health, admin.
 */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions = {}): DynamicModule {
    const config = options.platform?.config;
    const metricsPort = config === undefined ? undefined : apiMetricsPort(config);
    return {
      module: ApiModule,
      providers: options.stores?.runProjector ? [projectionMetrics] : [],
      imports: [
        PlatformModule.forRoot(options.platform),
        MetricsModule.forRoot({
          labels: { app: 'api' },
          ...(metricsPort === undefined ? {} : { metricsPort, metricsHost: config?.host }),
        }),
        StoresModule.forRoot(options.stores),
        ApplicationModule.forRoot(options.application),
        SessionsModule,
        WorkstationsModule,
        CalendarModule,
        ReportsModule,
        DeletionsModule,
        AuditModule,
        HealthChecksModule.forRootAsync({
          useFactory: (stores: Stores, consumers: ConsumerStatuses) =>
            apiReadiness(stores, consumers),
          inject: [STORES, ConsumerStatuses],
        }),
        AdminModule,
      ],
    };
  }
}
