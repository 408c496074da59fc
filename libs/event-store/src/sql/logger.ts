/** What the adapters log: warnings a person should act on. Inject the app's logger. */
export interface EventStoreLogger {
  warn(message: string, details?: Record<string, unknown>): void;
}

export const stderrLogger: EventStoreLogger = {
  warn(message, details) {
    process.stderr.write(
      `[event-store] WARN ${message}${details ? ` ${JSON.stringify(details)}` : ''}\n`,
    );
  },
};
