import 'reflect-metadata';
import pino from 'pino';
import { chooseLogFormat, ConfigError, prettyLogStream, StartupError } from '@app/platform';
import { loadProjectorConfig } from './projector-config';
import { startProjector } from './projector-process';
import { ProjectorConfigurationError } from './projector-stores';
import type { AppLogger } from '@app/event-store';

async function main(): Promise<void> {
  let config;
  try {
    config = loadProjectorConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const format = chooseLogFormat({ isTty: process.stdout.isTTY === true, nodeEnv: config.nodeEnv });
  const log = pino(
    { level: config.logLevel, base: { app: 'projector' } },
    format === 'pretty' ? prettyLogStream() : undefined,
  );
  const logger: AppLogger = {
    info: (message, details) => log.info(details ?? {}, message),
    warn: (message, details) => log.warn(details ?? {}, message),
  };
  const running = await startProjector(config, logger, {
    env: process.env,
    notice: (line) => log.info(line),
  });
  log.info(
    { port: config.port, metricsPort: config.metricsPort ?? null },
    'projector serving /health/live, /health/ready and /metrics',
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping: finishing batches, storing checkpoints, releasing leases');
      running.stop().then(
        () => {
          log.info('projector stopped');
          process.exit(0);
        },
        (error: unknown) => {
          log.error({ err: error }, 'projector did not stop cleanly');
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  // What to fix, in one line; anything else is a bug, shown with its stack.
  const detail =
    error instanceof StartupError || error instanceof ProjectorConfigurationError
      ? error.message
      : error instanceof Error
        ? error.stack
        : error;
  process.stderr.write(`Projector failed to start: ${String(detail)}\n`);
  process.exit(1);
});
