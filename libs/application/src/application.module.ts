import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { SqlDatabase } from '@app/event-store/sql';
import { COMMAND_HANDLERS } from './commands';
import { DecideAndAppend, EventEnvelopes } from './commands/handling';
import { IdempotencyPurger, IdempotencyStore, migrateIdempotency } from './idempotency';
import { IDEMPOTENCY_DATABASE, IDEMPOTENCY_OPTIONS } from './ports';
import {
  DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
  FreshRead,
  QUERY_HANDLERS,
  READ_YOUR_WRITES_TIMEOUT,
} from './queries';

export interface ApplicationModuleOptions {
  /** Schema of the idempotency records in the relational database (default `idempotency`). */
  readonly idempotencySchema?: string;
  /** How long a query waits for `minPosition` (default 3 s). */
  readonly readYourWritesTimeoutMs?: number;
}

export interface IdempotencyOptions {
  readonly schema: string;
}

/**
 * Commands and queries on @nestjs/cqrs, and idempotency. Needs, provided globally by the
 * composition root: EVENT_STORE (reads, upcast), EVENT_WRITER, IDEMPOTENCY_DATABASE, READ_SIDE,
 * and the platform's CLOCK and ID_GENERATOR. Handlers persist and publish
 * nothing in memory: everything downstream reads the event store.
 */
@Module({})
export class ApplicationModule {
  static forRoot(options: ApplicationModuleOptions = {}): DynamicModule {
    return {
      module: ApplicationModule,
      // Global: every feature module of the API dispatches commands and runs them idempotently.
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        {
          provide: IDEMPOTENCY_OPTIONS,
          useValue: { schema: options.idempotencySchema ?? 'idempotency' },
        },
        {
          provide: IdempotencyStore,
          useFactory: async (db: SqlDatabase, idempotency: IdempotencyOptions) => {
            await migrateIdempotency(db, idempotency.schema);
            return new IdempotencyStore(db, idempotency.schema);
          },
          inject: [IDEMPOTENCY_DATABASE, IDEMPOTENCY_OPTIONS],
        },
        {
          provide: READ_YOUR_WRITES_TIMEOUT,
          useValue: options.readYourWritesTimeoutMs ?? DEFAULT_READ_YOUR_WRITES_TIMEOUT_MS,
        },
        IdempotencyPurger,
        EventEnvelopes,
        DecideAndAppend,
        FreshRead,
        ...COMMAND_HANDLERS,
        ...QUERY_HANDLERS,
      ],
      exports: [CqrsModule, IdempotencyStore, IdempotencyPurger],
    };
  }
}
