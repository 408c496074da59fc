import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import type { Clock } from './clock/clock';
import { ClockModule } from './clock/clock.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ErrorsModule } from './errors/errors.module';
import type { IdGenerator } from './ids/id-generator';
import { IdsModule } from './ids/ids.module';
import { LoggingModule, type LoggingModuleOptions } from './logging/logging.module';

export interface PlatformModuleOptions {
  /** A validated config; by default loadConfig(process.env) runs when the module is built. */
  config?: AppConfig;
  clock?: Clock;
  ids?: IdGenerator;
  logging?: LoggingModuleOptions;
}

/**
 * Everything an HTTP app of ours needs from the platform in one import: config, clock, ids,
 * structured logging with correlation ids, problem+json errors with the validation pipe, and
 * JWT authentication with roles.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        options.config ? ConfigModule.forConfig(options.config) : ConfigModule.forRoot(),
        ClockModule.forRoot(options.clock),
        IdsModule.forRoot(options.ids),
        LoggingModule.forRoot(options.logging),
        ErrorsModule,
        AuthModule,
      ],
    };
  }
}
