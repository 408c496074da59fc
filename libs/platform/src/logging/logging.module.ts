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
import { RequestContextMiddleware } from './request-context.middleware';
import { FrameworkBootQuietingLogger } from './framework-boot-quieting-logger';
import { chooseLogFormat } from './log-format';
import { loggerOptions } from './logger-options';
import { prettyLogStream } from './pretty-log-stream';
import { ShutdownNotice } from './shutdown-notice';

export interface LoggingModuleOptions {
  /**
   * Where the JSON lines go (tests pass a stream to read them). When absent: stdout, as pretty
   * lines on a terminal in development and JSON lines otherwise (see chooseLogFormat).
   */
  destination?: DestinationStream;
}

/** The given stream, else pretty lines for a terminal, else pino's default (JSON on stdout). */
function destinationFor(
  config: AppConfig,
  given?: DestinationStream,
): DestinationStream | undefined {
  if (given !== undefined) return given;
  const format = chooseLogFormat({ isTty: process.stdout.isTTY === true, nodeEnv: config.nodeEnv });
  return format === 'pretty' ? prettyLogStream() : undefined;
}

/**
 * Structured request logging (nestjs-pino) with a correlation id per request (read it with
 * resolveCorrelationId). Needs ConfigModule. To route Nest's own logs
 * through pino as well, the app calls `app.useLogger(app.get(FrameworkBootQuietingLogger))`
 * (nestjs-pino's Logger, with Nest's start-up lines at debug).
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
            const logger = loggerOptions(config.logLevel);
            const destination = destinationFor(config, options.destination);
            return {
              pinoHttp: destination ? [logger, destination] : logger,
              // nestjs-pino's per-request middleware (pino-http) is not mounted: RequestContextMiddleware
              // writes the request's line, with its correlation id.
              forRoutes: [],
            };
          },
        }),
      ],
      providers: [FrameworkBootQuietingLogger, ShutdownNotice],
      exports: [FrameworkBootQuietingLogger],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
