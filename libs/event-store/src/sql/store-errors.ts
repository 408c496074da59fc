import { StoreUnavailableError } from '../port';

/** Node socket errors that mean the server cannot be reached or the connection broke. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs after which the statement can succeed later on a healthy connection: the server went
 * away, refused us, or ended our session (including the idle-in-transaction and statement
 * timeouts this adapter sets on purpose).
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout
  '57014', // query_canceled (statement_timeout)
]);

/** Messages of `pg` and PGlite for a connection that is gone, when they carry no code. */
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /connection error/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
  /timeout exceeded when trying to connect/i,
  /pglite is closed/i,
  /terminating connection/i,
];

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = error.code;
  return typeof code === 'string' ? code : undefined;
}

export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (error instanceof AggregateError && error.errors.some(isConnectionFailure)) return true;
  const code = codeOf(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) {
      return true;
    }
  }
  const message = error instanceof Error ? error.message : '';
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * Translates a driver error at the adapter's edge: connection failures become
 * StoreUnavailableError (keeping the original as `cause`); anything else is returned untouched so
 * that callers see real failures, never a swallowed one.
 */
export function translateDriverError(error: unknown, operation: string): unknown {
  if (error instanceof StoreUnavailableError) return error;
  if (isConnectionFailure(error)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new StoreUnavailableError(`Event store unavailable during ${operation}: ${detail}`, {
      cause: error,
    });
  }
  return error;
}

/** The SQLSTATE of a driver error, if it has one. */
export function sqlState(error: unknown): string | undefined {
  return codeOf(error);
}

/** The constraint a driver error names (unique violations), if any. */
export function constraintOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('constraint' in error)) return undefined;
  const constraint = error.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}
