import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  EVENT_STORE,
  EVENT_WRITER,
  IDEMPOTENCY_DATABASE,
  IdempotencyStore,
  READ_SIDE,
} from '@app/application';
import { APP_CONFIG, type AppConfig, CLOCK, type Clock } from '@app/platform';
import { instrumentEventWriter, MetricsRecorder } from '@app/platform/metrics';
import { PROJECTION_ADMIN, readModelsProjectionAdmin } from '../admin';
import { AuditKeys } from '../audit/audit-signer';
import { buildStores, type BuildStoresOptions } from './build-stores';
import { DataDirAnnouncer } from './data-dir-announcer';
import { ConsumerStatuses } from './consumer-statuses';
import { ProjectorHook, RUN_PROJECTOR } from './projector.hook';
import { STORES, type Stores } from './stores';

/** On shutdown: the projector stops first (it reads the stores), then the stores close. */
@Injectable()
class StoresLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly projector: ProjectorHook,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.projector.stop();
    await this.stores.close();
  }
}

export interface StoresModuleOptions extends BuildStoresOptions {
  /** Run the consumers of the log in this process (see ProjectorHook). Default false. */
  readonly runProjector?: boolean;
  /**
   * Stores main.ts opened before the app (so that a start-up failure is one line, not also
   * Nest's report of a failed provider); the app owns them from then on and closes them.
   */
  readonly built?: Stores;
}

/**
 * The composition of the stores: built once from APP_CONFIG, then handed to the application
 * under its ports (EVENT_STORE, EVENT_WRITER, IDEMPOTENCY_DATABASE, READ_SIDE).
 */
@Global()
@Module({})
export class StoresModule {
  static forRoot(options: StoresModuleOptions = {}): DynamicModule {
    return {
      module: StoresModule,
      providers: [
        {
          provide: STORES,
          useFactory: (config: AppConfig) => options.built ?? buildStores(config, options),
          inject: [APP_CONFIG],
        },
        { provide: EVENT_STORE, useFactory: (s: Stores) => s.eventStore, inject: [STORES] },
        {
          // Appends and conflicts counted for /metrics.
          provide: EVENT_WRITER,
          useFactory: (
            s: Stores,
            records: IdempotencyStore,
            clock: Clock,
            recorder: MetricsRecorder,
          ) => instrumentEventWriter(s.writerWith(records, clock), recorder),
          inject: [STORES, IdempotencyStore, CLOCK, MetricsRecorder],
        },
        {
          provide: IDEMPOTENCY_DATABASE,
          useFactory: (s: Stores) => s.idempotencyDatabase,
          inject: [STORES],
        },
        { provide: READ_SIDE, useFactory: (s: Stores) => s.readModels, inject: [STORES] },
        { provide: RUN_PROJECTOR, useValue: options.runProjector ?? false },
        {
          provide: AuditKeys,
          useFactory: (config: AppConfig) => new AuditKeys(config),
          inject: [APP_CONFIG],
        },
        ProjectorHook,
        ConsumerStatuses,
        {
          // The admin endpoints' view of the read side, the same wherever the consumers run.
          provide: PROJECTION_ADMIN,
          useFactory: (s: Stores, statuses: ConsumerStatuses) =>
            readModelsProjectionAdmin({
              readModels: s.readModels,
              eventStore: s.eventStore,
              statuses,
            }),
          inject: [STORES, ConsumerStatuses],
        },
        StoresLifecycle,
        DataDirAnnouncer,
      ],
      exports: [
        AuditKeys,
        PROJECTION_ADMIN,
        ProjectorHook,
        ConsumerStatuses,
        STORES,
        EVENT_STORE,
        EVENT_WRITER,
        IDEMPOTENCY_DATABASE,
        READ_SIDE,
      ],
    };
  }
}
