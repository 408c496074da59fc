import { Client, type ClientConfig } from 'pg';
import type { AppLogger } from '../logging';

/**
 * Holds one connection LISTENing on the store's channel and calls `onNotify` for each
 * notification. When the connection is lost it reconnects (after `retryDelayMs`) and calls
 * `onNotify` once listening again, since appends may have happened while nobody listened;
 * subscribers also poll, so a notification is a latency gain, never a correctness need.
 */
export class PgNotificationListener {
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly lostClients = new WeakSet<Client>();

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly logger: AppLogger,
    private readonly retryDelayMs = 500,
  ) {}

  /** Resolves once listening, or once the first attempt failed (a retry is then scheduled). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) {
      this.lostClients.add(client);
      await client.end();
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client(this.config);
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      if (this.stopped) {
        this.lostClients.add(client);
        await client.end();
        return;
      }
      this.client = client;
      this.onNotify();
    } catch (error) {
      this.lost(client, error);
      client.end().catch(() => undefined); // already broken; its failure was reported above
    }
  }

  private lost(client: Client, error?: unknown): void {
    if (this.lostClients.has(client)) return;
    this.lostClients.add(client);
    if (this.client === client) this.client = undefined;
    if (this.stopped) return;
    this.logger.warn('event store notification listener lost its connection; reconnecting', {
      channel: this.channel,
      error: error instanceof Error ? error.message : 'connection ended',
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, this.retryDelayMs);
  }
}
