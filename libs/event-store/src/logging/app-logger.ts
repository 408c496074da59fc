/**
 * The one logger the libraries write through (event stores, consumers, projections, the Kafka
 * publisher): what is worth an operator's attention. Kept in this lowest library that logs, so
 * every other one shares it. Apps inject their own (pino, or Nest's logger, fit in two lines).
 */
export interface AppLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

/** Lines on stderr tagged with their source (`[consumers] WARN ...`): the default when none is given. */
export function stderrLogger(source: string): AppLogger {
  const write =
    (level: string) =>
    (message: string, details?: Record<string, unknown>): void => {
      process.stderr.write(
        `[${source}] ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`,
      );
    };
  return { info: write('INFO'), warn: write('WARN') };
}

/** Nothing logged: for tests and tools that report otherwise. */
export const silentLogger: AppLogger = { info: () => undefined, warn: () => undefined };
