import {
  type DynamicModule,
  type FactoryProvider,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthChecksController } from './health-checks.controller';
import type { ReadinessCheck } from './readiness-check';
import { READINESS_CHECKS } from './health.tokens';

export interface HealthChecksAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  /** Receives the `inject` tokens' providers, in order. */
  readonly useFactory: (
    ...deps: never[]
  ) => readonly ReadinessCheck[] | Promise<readonly ReadinessCheck[]>;
  readonly inject?: FactoryProvider['inject'];
}

/**
 * Liveness and readiness for any of our apps, built on terminus. Readiness runs the checks it is
 * given (eventStoreReachable, lagUnder, or any ReadinessCheck), each bounded by its timeout.
 */
@Module({})
export class HealthChecksModule {
  static forRoot(checks: readonly ReadinessCheck[]): DynamicModule {
    return {
      module: HealthChecksModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthChecksController],
      providers: [{ provide: READINESS_CHECKS, useValue: checks }],
    };
  }

  /** When the checks need injected services (stores, the projector). */
  static forRootAsync(options: HealthChecksAsyncOptions): DynamicModule {
    return {
      module: HealthChecksModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthChecksController],
      providers: [
        { provide: READINESS_CHECKS, useFactory: options.useFactory, inject: options.inject ?? [] },
      ],
    };
  }
}
