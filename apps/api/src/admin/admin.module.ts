import { type DynamicModule, type FactoryProvider, Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { PROJECTION_ADMIN } from './projection-admin';
import { RebuildJobs } from './rebuild-jobs';

export type ProjectionAdminBinding = Omit<FactoryProvider, 'provide'>;

/**
 * `/api/v1/admin/...`: the consumers' status, rebuilds and retries, admin only. Needs a
 * PROJECTION_ADMIN: either given here (`AdminModule.forRoot({ useFactory, inject })`, e.g.
 * building readModelsProjectionAdmin from STORES and ConsumerStatuses) or bound by a global module when
 * AdminModule is imported as is. Also needs the platform's ID_GENERATOR (PlatformModule).
 */
@Module({
  controllers: [AdminController],
  providers: [RebuildJobs],
})
export class AdminModule {
  static forRoot(binding: ProjectionAdminBinding): DynamicModule {
    return {
      module: AdminModule,
      providers: [{ provide: PROJECTION_ADMIN, ...binding }],
    };
  }
}
