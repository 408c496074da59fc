import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { CorrelationContext } from './correlation-context';
import { CorrelationMiddleware } from './correlation.middleware';
import { pinoHttpOptions } from './pino-http-options';

export interface LoggingModuleOptions {
  /** Where the JSON lines go; stdout when absent (tests pass a stream to read them). */
  destination?: DestinationStream;
}

/**
 * Structured request logging (nestjs-pino) with a correlation id per request, and the
 * CorrelationContext that lets handlers read it. Needs ConfigModule. To route Nest's own logs
 * through pino as well, the app calls `app.useLogger(app.get(Logger))` (nestjs-pino's Logger).
 */
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(options: LoggingModuleOptions = {}): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => {
            const http = pinoHttpOptions(config.logLevel);
            return { pinoHttp: options.destination ? [http, options.destination] : http };
          },
        }),
      ],
      providers: [CorrelationContext],
      exports: [CorrelationContext],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CorrelationMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
