import { type DynamicModule, Module } from '@nestjs/common';
import { ApplicationModule, type ApplicationModuleOptions } from '@app/application';
import { PlatformModule, type PlatformModuleOptions } from '@app/platform';
import { AdminModule } from './admin';
import { CalendarModule } from './calendar/calendar.module';
import { StoresModule, type StoresModuleOptions } from './composition';
import { DeletionsModule } from './deletions/deletions.module';
import { HealthModule } from './health/health.module';
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

/** The HTTP API: platform, stores, application (CQRS), one module per feature, health. */
@Module({})
export class ApiModule {
  static forRoot(options: ApiModuleOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(options.platform),
        StoresModule.forRoot(options.stores),
        ApplicationModule.forRoot(options.application),
        SessionsModule,
        WorkstationsModule,
        CalendarModule,
        ReportsModule,
        DeletionsModule,
        HealthModule,
        AdminModule,
      ],
    };
  }
}
