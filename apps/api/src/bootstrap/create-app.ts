import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  addSecurityHeaders,
  closeConnectionsOnClose,
  correlatedFastifyOptions,
  FrameworkBootQuietingLogger,
  hardenedServerOptions,
  loadConfig,
  refuseMalformedQueries,
  useStrictJsonBodies,
} from '@app/platform';
import { ApiModule, type ApiModuleOptions } from '../api.module';
import { setUpOpenApi } from './openapi';

/** Request bodies are small JSON documents; anything larger is refused (413) before parsing. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Builds the API on Fastify, initialised but not listening: main.ts listens, tests inject.
 * On SIGTERM/SIGINT the shutdown hooks stop accepting, let the requests in flight finish (their
 * connections closing after their answers), close the projector and the stores, then exit 0.
 *
 * The HTTP layer answers before any guard: only `application/json` in UTF-8 is read (415
 * otherwise), bodies over 64 KiB are 413, invalid UTF-8 (in the body, the path or the query) or
 * JSON nested over 32 levels are 400, a
 * request slower than HTTP_REQUEST_TIMEOUT (headers: HTTP_HEADERS_TIMEOUT) is 408, and every
 * refusal of Node's parser or Fastify's router is problem+json.
 */
export type CreateAppOptions = ApiModuleOptions;

export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.platform?.config ?? loadConfig(process.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot({ ...options, platform: { ...options.platform, config } }),
    new FastifyAdapter({
      ...correlatedFastifyOptions(),
      ...hardenedServerOptions(config.http),
      bodyLimit: BODY_LIMIT_BYTES,
    }),
    // No parser of Nest's own: it would read form bodies (a cancel sent as a form).
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(FrameworkBootQuietingLogger));
  // process.exit(0) once closed: Nest's default re-sends the signal to the process, which then
  // ends by SIGTERM (exit status 143), a failure for an orchestrator and for this process's
  // parent, although nothing was lost; exiting also lets pino flush its last lines.
  app.enableShutdownHooks([], { useProcessExit: true });
  const instance = app.getHttpAdapter().getInstance();
  useStrictJsonBodies(instance, { bodyLimit: BODY_LIMIT_BYTES });
  refuseMalformedQueries(instance);
  addSecurityHeaders(instance);
  closeConnectionsOnClose(instance);
  setUpOpenApi(app);
  await app.init();
  await instance.ready();
  return app;
}
