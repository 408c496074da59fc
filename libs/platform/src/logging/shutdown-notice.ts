import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

/**
 * The line a stop leaves in the log: on SIGTERM or SIGINT, before the server stops accepting,
 * so whoever reads the log knows the process is going and why.
 */
@Injectable()
export class ShutdownNotice implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  beforeApplicationShutdown(signal?: string): void {
    // app.close() without a signal (tests, scripts) is not a shutdown anyone needs told about.
    if (signal === undefined) return;
    this.logger.log(
      `${signal} received: finishing the requests in flight and the projections' batches, then stopping`,
    );
  }
}
