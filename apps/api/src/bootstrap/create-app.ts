import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { closeConnectionsOnClose, correlatedFastifyOptions } from '@app/platform';
import { ApiModule, type ApiModuleOptions } from '../api.module';
import { setUpOpenApi } from './openapi';

/** Request bodies are small JSON documents; anything larger is refused (413) before parsing. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the API on Fastify, initialised but not listening: main.ts listens, tests inject.
 * On SIGTERM/SIGINT the shutdown hooks stop accepting, let the requests in flight finish (their
 * connections closing after their answers), close the projector and the stores, then exit 0.
 */
export type CreateAppOptions = ApiModuleOptions;

export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(options),
    new FastifyAdapter({ ...correlatedFastifyOptions(), bodyLimit: BODY_LIMIT_BYTES }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  // process.exit(0) once closed: Nest's default re-sends the signal to the process, which then
  // ends by SIGTERM (exit status 143), a failure for an orchestrator and for this process's
  // parent, although nothing was lost; exiting also lets pino flush its last lines.
  app.enableShutdownHooks([], { useProcessExit: true });
  closeConnectionsOnClose(app.getHttpAdapter().getInstance());
  setUpOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
