import { StoreUnavailableError } from '../port';
import { isConnectionFailure, translateDriverError } from './store-errors';

const withCode = (code: string, message = 'failed'): Error =>
  Object.assign(new Error(message), { code });

describe('driver error translation', () => {
  it.each([
    ['refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['reset', withCode('ECONNRESET')],
    [
      'terminated by an administrator',
      withCode('57P01', 'terminating connection due to administrator command'),
    ],
    ['idle in transaction timeout', withCode('25P03')],
    ['statement timeout', withCode('57014', 'canceling statement due to statement timeout')],
    ['connection exception class', withCode('08006')],
    ['too many connections', withCode('53300')],
    ['terminated unexpectedly (no code)', new Error('Connection terminated unexpectedly')],
    ['pool ended', new Error('Cannot use a pool after calling end on the pool')],
    ['PGlite closed', new Error('PGlite is closed')],
    ['every address refused', new AggregateError([withCode('ECONNREFUSED')], 'connect failed')],
  ])('maps %s to StoreUnavailableError, keeping the cause', (_, error) => {
    expect(isConnectionFailure(error)).toBe(true);
    const translated = translateDriverError(error, 'append');
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect((translated as StoreUnavailableError).cause).toBe(error);
    expect((translated as StoreUnavailableError).message).toContain('append');
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a plain bug', new TypeError('x is undefined')],
    ['a non-error value', 'boom'],
  ])('returns %s untouched: real failures are never disguised or swallowed', (_, error) => {
    expect(isConnectionFailure(error)).toBe(false);
    expect(translateDriverError(error, 'read')).toBe(error);
  });

  it('does not wrap a StoreUnavailableError twice', () => {
    const error = new StoreUnavailableError('down');
    expect(translateDriverError(error, 'read')).toBe(error);
  });
});
