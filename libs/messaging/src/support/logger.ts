/** What the messaging library logs; inject the application's logger (pino fits). */
export interface MessagingLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
}

const write =
  (level: string) =>
  (message: string, details?: Record<string, unknown>): void => {
    process.stderr.write(
      `[messaging] ${level} ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`,
    );
  };

export const stderrMessagingLogger: MessagingLogger = { info: write('INFO'), warn: write('WARN') };

export const silentMessagingLogger: MessagingLogger = {
  info: () => undefined,
  warn: () => undefined,
};
