import {
  type DynamicModule,
  type FactoryProvider,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { HealthChecksController } from './health-checks.controller';
import type { Readiness } from './readiness-check';
import { READINESS_CHECKS } from './health.tokens';

export interface HealthChecksAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  /** Receives the `inject` tokens' providers, in order. */
  readonly useFactory: (...deps: never[]) => readonly Readiness[] | Promise<readonly Readiness[]>;
  readonly inject?: FactoryProvider['inject'];
}

/**
 * Liveness and readiness for every app of ours (the API and the projector): readiness runs the
 * checks it is given (reachable, consumerChecks, or any ReadinessCheck), each bounded by its
 * timeout.
 */
@Module({})
export class HealthChecksModule {
  static forRoot(checks: readonly Readiness[]): DynamicModule {
    return {
      module: HealthChecksModule,
      controllers: [HealthChecksController],
      providers: [{ provide: READINESS_CHECKS, useValue: checks }],
    };
  }

  /** When the checks need injected services (stores, the consumers' statuses). */
  static forRootAsync(options: HealthChecksAsyncOptions): DynamicModule {
    return {
      module: HealthChecksModule,
      imports: [...(options.imports ?? [])],
      controllers: [HealthChecksController],
      providers: [
        { provide: READINESS_CHECKS, useFactory: options.useFactory, inject: options.inject ?? [] },
      ],
    };
  }
}
