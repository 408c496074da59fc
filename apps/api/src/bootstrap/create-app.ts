import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { correlatedFastifyOptions } from '@app/platform';
import { ApiModule, type ApiModuleOptions } from '../api.module';
import { setUpOpenApi } from './openapi';

/** Request bodies are small JSON documents; anything larger is refused (413) before parsing. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the API on Fastify, initialised but not listening: main.ts listens, tests inject.
 * Shutdown hooks close the projector and the stores on SIGTERM/SIGINT.
 */
export type CreateAppOptions = ApiModuleOptions;

export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(options),
    new FastifyAdapter({ ...correlatedFastifyOptions(), bodyLimit: BODY_LIMIT_BYTES }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  setUpOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
