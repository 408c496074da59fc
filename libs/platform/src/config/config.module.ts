import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './app-config';
import { APP_CONFIG } from './config.tokens';
import { loadConfig } from './load-config';

/**
 * Provides the AppConfig under APP_CONFIG to the whole application (global), so every module
 * reads the one object validated at start.
 */
@Module({})
export class ConfigModule {
  /** Validates process.env (or the given environment) while the module is being built. */
  static forRoot(env: Readonly<Record<string, string | undefined>> = process.env): DynamicModule {
    return ConfigModule.forConfig(loadConfig(env));
  }

  /** For tests and callers that already hold a validated config. */
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
