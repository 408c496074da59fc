import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import {
  apiMetricsPort,
  APP_CONFIG,
  type AppConfig,
  ConfigError,
  configSummary,
  loadConfig,
  StartupError,
} from '@app/platform';
import { createApp } from './bootstrap/create-app';
import { DOCS_PATH } from './bootstrap/openapi';
import { buildStores } from './composition';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Opened before the app: a store that cannot be reached (after the start-up retry) or a
  // DATA_DIR another process holds is then one line below, not also Nest's provider error.
  const stores = await buildStores(config, {
    notice: (line) => process.stdout.write(`${line}\n`),
  });
  let app;
  try {
    app = await createApp({
      platform: { config },
      // The projector hook: on embedded read models the projections must run in this process
      // (PGlite is one connection owned by it); with PostgreSQL the projector app runs them.
      stores: { runProjector: config.readModelStore === 'embedded', built: stores },
    });
  } catch (error) {
    await stores.close().catch(() => undefined);
    throw error;
  }
  // 127.0.0.1 unless HOST says otherwise; with the public development secret, loopback only.
  await app.listen({ port: config.port, host: config.host });
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host)
    ? 'localhost'
    : config.host;
  const base = `http://${shown}:${app.get<AppConfig>(APP_CONFIG).port}`;
  const metricsPort = apiMetricsPort(config);
  const { settings, warnings } = configSummary(config);
  // Through the app's logger, so that these come after every line logged while starting (pretty
  // lines on a terminal, JSON lines otherwise), and the banner is the last thing printed.
  const logger = new Logger('Start');
  logger.log(`Configuration: ${JSON.stringify(settings)}`);
  for (const warning of warnings) logger.warn(warning);
  for (const line of [
    `Metrics: ${metricsPort === undefined ? `${base}/metrics` : `port ${metricsPort} (METRICS_PORT)`}`,
    `Health: ${base}/health/ready`,
    `OpenAPI docs: ${base}/${DOCS_PATH}`,
    'Get a token: npm run token -- --role professional --sub <id>',
    `API listening on ${base}/api/v1 (${config.host}:${config.port}; Ctrl-C stops it)`,
  ])
    logger.log(line);
}

main().catch((error: unknown) => {
  // A StartupError says what to fix in one line; anything else is a bug, shown with its stack.
  const detail =
    error instanceof StartupError ? error.message : error instanceof Error ? error.stack : error;
  process.stderr.write(`API failed to start: ${String(detail)}\n`);
  process.exit(1);
});
