import type { PoolConfig } from 'pg';
import {
  migrateEventStore,
  notificationChannel,
  quoteIdentifier,
  SqlEventStore,
  assertSchemaName,
  type SubscriptionSettings,
} from '../sql';
import { createPgPool } from './create-pg-pool';
import { HeldBackMonitor, type HeldBackTransaction } from './held-back-monitor';
import { PgDatabase } from './pg-database';
import { PgNotificationListener } from './pg-notification-listener';
import { PgNotifier } from './pg-notifier';
import { stderrLogger, type AppLogger } from '../logging';

export const DEFAULT_EVENT_STORE_SCHEMA = 'event_store';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** Schema holding the store's tables and functions (created by the migrations). */
  readonly schema?: string;
  readonly poolSize?: number;
  /** Shown in pg_stat_activity; lets operators (and tests) find this store's sessions. */
  readonly applicationName?: string;
  /** Bounds any statement of the adapter's sessions (default 30 s). */
  readonly statementTimeoutMs?: number;
  /**
   * Ends a session left idle inside a transaction (default 60 s): such a transaction holds every
   * reader of the log back, so it must not last forever.
   */
  readonly idleInTransactionTimeoutMs?: number;
  /** LISTEN for appends of other processes (default true); polling remains the fallback. */
  readonly listen?: boolean;
  /**
   * How appends announce themselves to other processes: 'after-commit' (default) sends one
   * coalesced NOTIFY after commits; 'off' leaves it to polling. (Never inside the append: that
   * makes concurrent appends commit one at a time.)
   */
  readonly notify?: 'after-commit' | 'off';
  readonly subscription?: Partial<SubscriptionSettings>;
  /** A transaction open longer than this is logged as holding readers back (default 5 s). */
  readonly heldBackWarningMs?: number;
  /** How often to look for such transactions (default 10 s; 0 turns the check off). */
  readonly heldBackCheckIntervalMs?: number;
  readonly logger?: AppLogger;
  /** Run the migrations at start (default true). */
  readonly migrate?: boolean;
}

/** The PostgreSQL adapter: the shared SQL store plus what only a server has. */
export class PostgresEventStore extends SqlEventStore {
  constructor(
    readonly database: PgDatabase,
    schema: string,
    readonly heldBackMonitor: HeldBackMonitor,
    private readonly listener: PgNotificationListener | undefined,
    notifier: PgNotifier | undefined,
    options: PostgresEventStoreOptions,
    logger: AppLogger,
  ) {
    super({
      db: database,
      schema,
      ownsDatabase: true,
      afterCommit: notifier ? () => notifier.notify() : undefined,
      subscription: options.subscription,
      logger,
      onClose: async () => {
        heldBackMonitor.stop();
        notifier?.stop();
        await listener?.stop();
      },
    });
  }

  /**
   * The oldest transaction holding readers back, when one does: open longer than the warning
   * threshold while committed events wait behind it (readers see only events below the oldest
   * transaction in flight). Undefined when nothing waits, however old a transaction is.
   */
  async heldBack(): Promise<HeldBackTransaction | undefined> {
    const events = `${quoteIdentifier(this.schema)}.events`;
    const [row] = await this.database.query<{ waiting: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${events} e
         WHERE e.transaction_id >= pg_snapshot_xmin(pg_current_snapshot())
           AND pg_visible_in_snapshot(e.transaction_id, pg_current_snapshot())) AS waiting`,
    );
    if (row?.waiting !== true) return undefined;
    return (await this.heldBackMonitor.find())[0];
  }

  /** Starts the listener; separate from the constructor because it is asynchronous. */
  async startListening(): Promise<void> {
    await this.listener?.start();
  }
}

/**
 * Opens a PostgreSQL event store: a pool whose sessions carry the timeouts above, the schema
 * migrated, a LISTEN connection waking subscribers, and the held-back-readers monitor.
 */
export async function createPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const schema = assertSchemaName(options.schema ?? DEFAULT_EVENT_STORE_SCHEMA);
  const logger = options.logger ?? stderrLogger('event-store');
  const session: PoolConfig = {
    connectionString: options.connectionString,
    application_name: options.applicationName ?? `event-store:${schema}`,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
  };
  const pool = createPgPool({
    ...session,
    max: options.poolSize ?? 10,
    // The pool drops that connection; the statement on it fails (503), the next opens another.
    onConnectionError: (error) =>
      logger.warn('event store lost a PostgreSQL connection', { error: error.message }),
  });
  const database = new PgDatabase(pool, true);
  try {
    if (options.migrate ?? true) await migrateEventStore(database, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  // The listener exists before the store it wakes; it only fires once the store is set.
  const wakeTarget: { store?: PostgresEventStore } = {};
  const listener =
    (options.listen ?? true)
      ? new PgNotificationListener(
          { ...session, statement_timeout: undefined },
          notificationChannel(schema),
          () => wakeTarget.store?.wakeSubscribers(),
          logger,
        )
      : undefined;
  const monitor = new HeldBackMonitor(
    database,
    options.heldBackWarningMs ?? 5_000,
    options.heldBackCheckIntervalMs ?? 10_000,
    logger,
  );
  const notifier =
    (options.notify ?? 'after-commit') === 'after-commit'
      ? new PgNotifier(database, notificationChannel(schema), logger)
      : undefined;
  const store = new PostgresEventStore(
    database,
    schema,
    monitor,
    listener,
    notifier,
    options,
    logger,
  );
  wakeTarget.store = store;
  await store.startListening();
  monitor.start();
  return store;
}
