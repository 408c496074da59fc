import {
  NoShowBeforeStartError,
  NoteRequiredError,
  SessionAlreadyCancelledError,
  SessionDeletedError,
  SessionNotFoundError,
} from '@app/domain';
import { PreconditionFailedError } from '@app/platform';
import { decideWithPrecondition } from './check-order';

const refuse = (error: Error) => (): never => {
  throw error;
};

describe('decideWithPrecondition: 400, 404, 410, then 412, then 409 and 422', () => {
  it.each([
    ['400', new NoteRequiredError()],
    ['404', new SessionNotFoundError('s')],
    ['410', new SessionDeletedError('s')],
  ])('answers the %s before a stale If-Match', (_status, error) => {
    expect(() => decideWithPrecondition(refuse(error), 3, 1)).toThrow(error);
  });

  it.each([
    ['409', new SessionAlreadyCancelledError('s')],
    ['422', new NoShowBeforeStartError()],
  ])('answers a stale If-Match (412) before the %s', (_status, error) => {
    expect(() => decideWithPrecondition(refuse(error), 0, 2)).toThrow(PreconditionFailedError);
  });

  it.each([
    ['409', new SessionAlreadyCancelledError('s')],
    ['422', new NoShowBeforeStartError()],
  ])('answers the %s when If-Match matches or is absent', (_status, error) => {
    expect(() => decideWithPrecondition(refuse(error), 2, 2)).toThrow(error);
    expect(() => decideWithPrecondition(refuse(error), undefined, 2)).toThrow(error);
  });

  it('returns the events when If-Match matches, refuses them when it does not', () => {
    expect(decideWithPrecondition(() => ['e'], 1, 1)).toEqual(['e']);
    expect(() => decideWithPrecondition(() => ['e'], 0, 1)).toThrow(PreconditionFailedError);
  });

  it('lets unexpected errors through untouched', () => {
    const bug = new TypeError('bug');
    expect(() => decideWithPrecondition(refuse(bug), 5, 1)).toThrow(bug);
  });
});
