import { ApplicationError } from '../errors/application-error';

/**
 * 503: the identity provider's key set could not be fetched. Not the caller's fault, so not a
 * 401: a client should retry rather than ask its user to sign in again.
 */
export class AuthUnavailableError extends ApplicationError {
  readonly code = 'auth-unavailable';
  readonly status = 503;
  readonly title = 'Token verification is unavailable';

  constructor(options?: { cause?: unknown }) {
    super('The keys that verify tokens could not be fetched; retry later', options);
    this.name = 'AuthUnavailableError';
  }

  override headers(): Record<string, string> {
    return { 'Retry-After': '5' };
  }
}
