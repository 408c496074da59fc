import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CLOCK, type Clock } from '@app/platform';
import { IDEMPOTENCY_RETENTION_MS } from './idempotency-scope';
import { IdempotencyStore } from './idempotency-store';

/** How often records past their retention are deleted. */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Keeps the records for at least IDEMPOTENCY_RETENTION_MS (24 h) and removes them some time after
 * (at most one purge interval later): clients may retry for a day, the table does not grow forever.
 */
@Injectable()
export class IdempotencyPurger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyPurger.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), IDEMPOTENCY_PURGE_INTERVAL_MS);
    // The purge never keeps the process alive on its own.
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async purge(): Promise<number> {
    try {
      const cutoff = new Date(this.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS);
      return await this.store.purgeOlderThan(cutoff);
    } catch (error) {
      this.logger.warn(`idempotency purge failed: ${String(error)}`);
      return 0;
    }
  }
}
