import { StoreRefusedError, StoreUnavailableError } from '@app/event-store';
import { cutMessage, errorCodeOf } from '../store/set-aside';
import { backoffDelay } from './backoff';
import { isTransient } from './transient-errors';

const withCode = (code: string, message = 'failed'): Error =>
  Object.assign(new Error(message), { code });

describe('what the core retries for ever and what it blames on an event', () => {
  it('retries connection loss, timeouts and SQLSTATE classes 08, 40, 53 and 57', () => {
    for (const code of ['08006', '08001', '40001', '40P01', '53300', '57P01', '57014']) {
      expect(isTransient(withCode(code))).toBe(true);
    }
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']) {
      expect(isTransient(withCode(code))).toBe(true);
    }
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isTransient(new StoreUnavailableError('event store down'))).toBe(true);
    expect(isTransient(Object.assign(new Error('broker away'), { retriable: true }))).toBe(true);
    expect(isTransient(new Error('wrapped', { cause: withCode('57P01') }))).toBe(true);
  });

  it('blames anything else on the event: bad data, values out of range, bugs', () => {
    for (const code of ['22003', '22P02', '23505', '42703', 'malformed-event']) {
      expect(isTransient(withCode(code))).toBe(false);
    }
    expect(isTransient(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isTransient(Object.assign(new Error('too large'), { retriable: false }))).toBe(false);
    expect(isTransient(new StoreRefusedError('too-large', 'event over the size limit'))).toBe(
      false,
    );
    expect(isTransient(undefined)).toBe(false);
  });

  it('records an error by its code, else its name, and cuts messages to 200 characters', () => {
    expect(errorCodeOf(withCode('22003'))).toBe('22003');
    expect(errorCodeOf(new TypeError('x'))).toBe('TypeError');
    expect(errorCodeOf('a string')).toBe('error');
    expect(cutMessage('x'.repeat(500))).toHaveLength(200);
    // Characters, not UTF-16 units: an emoji is never cut in half.
    expect([...cutMessage('😀'.repeat(300))]).toHaveLength(200);
    expect(cutMessage('short')).toBe('short');
  });

  it('backs off by doubling, with jitter, up to the cap', () => {
    const settings = { initialMs: 100, maxMs: 1000 };
    for (let n = 1; n <= 10; n += 1) {
      const base = Math.min(1000, 100 * 2 ** (n - 1));
      const delay = backoffDelay(settings, n);
      expect(delay).toBeGreaterThanOrEqual(base / 2);
      expect(delay).toBeLessThanOrEqual(base);
    }
  });
});
