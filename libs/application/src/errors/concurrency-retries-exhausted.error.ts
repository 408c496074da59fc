import { ApplicationError } from '@app/platform';

/**
 * 409: the stream kept changing under us. Each attempt re-read and re-decided; after the bound the
 * client is told to retry rather than the server spinning on a hot stream.
 */
export class ConcurrencyRetriesExhaustedError extends ApplicationError {
  readonly code = 'concurrency-retries-exhausted';
  readonly status = 409;
  readonly title = 'Too many concurrent changes';

  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Stream ${streamId} changed during each of ${attempts} attempts; retry`);
    this.name = 'ConcurrencyRetriesExhaustedError';
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': '1' };
  }
}
