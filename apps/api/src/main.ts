import 'reflect-metadata';
import {
  apiMetricsPort,
  APP_CONFIG,
  type AppConfig,
  ConfigError,
  configSummary,
  loadConfig,
} from '@app/platform';
import { createApp } from './bootstrap/create-app';
import { DOCS_PATH } from './bootstrap/openapi';

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
  const app = await createApp({
    platform: { config },
    // The projector hook: on embedded read models the projections must run in this process
    // (PGlite is one connection owned by it); with PostgreSQL the projector app runs them.
    stores: { runProjector: config.readModelStore === 'embedded' },
  });
  // 127.0.0.1 unless HOST says otherwise; with the public development secret, loopback only.
  await app.listen({ port: config.port, host: config.host });
  const shown = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host)
    ? 'localhost'
    : config.host;
  const base = `http://${shown}:${app.get<AppConfig>(APP_CONFIG).port}`;
  const metricsPort = apiMetricsPort(config);
  const { settings, warnings } = configSummary(config);
  process.stdout.write(
    [
      `API listening on ${base}/api/v1`,
      `OpenAPI docs: ${base}/${DOCS_PATH}`,
      `Health: ${base}/health/ready`,
      `Metrics: ${metricsPort === undefined ? `${base}/metrics` : `port ${metricsPort} (METRICS_PORT)`}`,
      `Listening on ${config.host}:${config.port}`,
      'Get a token: npm run token -- --role professional --sub <id>',
      `Configuration: ${JSON.stringify(settings)}`,
      ...warnings.map((warning) => `WARNING: ${warning}`),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
