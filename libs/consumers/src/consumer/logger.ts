/** What the consumers (and the publisher) log; inject the application's logger (pino fits). */
export interface ConsumerLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

const write =
  (level: string) =>
  (message: string, details?: Record<string, unknown>): void => {
    process.stderr.write(
      `[consumers] ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`,
    );
  };

export const stderrConsumerLogger: ConsumerLogger = { info: write('INFO'), warn: write('WARN') };

export const silentConsumerLogger: ConsumerLogger = {
  info: () => undefined,
  warn: () => undefined,
};
