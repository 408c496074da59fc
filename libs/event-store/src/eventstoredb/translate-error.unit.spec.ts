import { status } from '@grpc/grpc-js';
import {
  AccessDeniedError,
  convertToCommandError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError as EsdbStreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import {
  StoreRefusedError,
  StoreUnavailableError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '../port';
import { rpc } from './testing/wire-server/wire-protocol';
import { isTransient, refusalOf, translateError } from './translate-error';

/** A gRPC error as the server sends it: a status code and EventStoreDB's metadata. */
const serviceError = rpc.custom;

const append = { operation: 'append', streamId: 'session-1', expected: 4 } as const;

describe('translateError: the client errors to the port errors', () => {
  describe('WrongExpectedVersionError', () => {
    it('from the batch-append path (protobuf details), actual revision as a number', () => {
      const details = new WrongExpectedVersion();
      details.setExpectedStreamPosition('4');
      details.setCurrentStreamRevision('7');
      const error = EsdbWrongExpectedVersionError.fromWrongExpectedVersion(details, 'session-1');
      const translated = translateError(error, append);
      expect(translated).toBeInstanceOf(WrongExpectedVersionError);
      expect(translated).toMatchObject({
        streamId: 'session-1',
        expected: 4,
        actual: 7,
        code: 'wrong-expected-version',
      });
    });

    it('from the batch-append path when the stream does not exist', () => {
      const details = new WrongExpectedVersion();
      details.setExpectedStreamPosition('4');
      details.setCurrentNoStream(new Empty());
      const error = EsdbWrongExpectedVersionError.fromWrongExpectedVersion(details, 'session-1');
      expect(translateError(error, append)).toMatchObject({ expected: 4, actual: 'no-stream' });
    });

    it('expecting no stream where one exists', () => {
      const details = new WrongExpectedVersion();
      details.setExpectedNoStream(new Empty());
      details.setCurrentStreamRevision('0');
      const error = EsdbWrongExpectedVersionError.fromWrongExpectedVersion(details, 's');
      expect(error.expectedVersion).toBe('no_stream');
      expect(translateError(error, { operation: 'readAll' })).toMatchObject({
        expected: 'no-stream',
        actual: 0,
      });
      expect(
        translateError(error, { operation: 'append', streamId: 's', expected: 'no-stream' }),
      ).toMatchObject({
        expected: 'no-stream',
        actual: 0,
      });
    });

    it('from a gRPC error with metadata (the unary append path)', () => {
      const raw = serviceError(status.FAILED_PRECONDITION, 'wrong expected version', {
        exception: 'wrong-expected-version',
        'stream-name': 'session-1',
        'expected-version': '4',
        'actual-version': '9',
      });
      const error = convertToCommandError(raw);
      expect(error).toBeInstanceOf(EsdbWrongExpectedVersionError);
      expect(translateError(error, append)).toMatchObject({
        streamId: 'session-1',
        expected: 4,
        actual: 9,
      });
    });

    it('from a gRPC error without an actual version: the stream does not exist', () => {
      const raw = serviceError(status.FAILED_PRECONDITION, 'wrong expected version', {
        exception: 'wrong-expected-version',
        'stream-name': 'session-1',
        'expected-version': '4',
      });
      expect(translateError(convertToCommandError(raw), append)).toMatchObject({
        actual: 'no-stream',
      });
    });

    it('from the constructor as the client builds it, with a -1 revision meaning no stream', () => {
      const error = new EsdbWrongExpectedVersionError(undefined, {
        streamName: 's',
        expected: 'no_stream',
        current: -1n,
      });
      expect(
        translateError(error, { operation: 'append', streamId: 's', expected: 'no-stream' }),
      ).toMatchObject({
        expected: 'no-stream',
        actual: 'no-stream',
      });
    });

    it('reports what the caller sent, even where the client decoded the expectation as another', () => {
      // fromWrongExpectedVersion turns an expectation it does not recognise into 'any'.
      const error = new EsdbWrongExpectedVersionError(undefined, {
        streamName: 's',
        expected: 'any',
        current: 2n,
      });
      expect(
        translateError(error, { operation: 'append', streamId: 's', expected: 1 }),
      ).toMatchObject({ expected: 1, actual: 2 });
      const exists = new EsdbWrongExpectedVersionError(undefined, {
        streamName: 's',
        expected: 'stream_exists',
        current: 2n,
      });
      expect(translateError(exists, { operation: 'append' })).toMatchObject({
        streamId: 's',
        expected: 'any',
        actual: 2,
      });
    });

    it('carries no bigint into JSON', () => {
      const error = new EsdbWrongExpectedVersionError(undefined, {
        streamName: 's',
        expected: 1n,
        current: 2n,
      });
      const translated = translateError(error, append) as WrongExpectedVersionError;
      expect(() =>
        JSON.stringify({ expected: translated.expected, actual: translated.actual }),
      ).not.toThrow();
    });
  });

  it.each([
    ['fromStreamName (batch append)', EsdbStreamDeletedError.fromStreamName('session-1')],
    [
      'a gRPC error (reads)',
      convertToCommandError(
        serviceError(status.FAILED_PRECONDITION, 'deleted', {
          exception: 'stream-deleted',
          'stream-name': 'session-1',
        }),
      ),
    ],
  ])('StreamDeletedError %s -> StreamDeletedError', (_name, error) => {
    expect(error).toBeInstanceOf(EsdbStreamDeletedError);
    const translated = translateError(error, { operation: 'readStream', streamId: 'session-1' });
    expect(translated).toBeInstanceOf(StreamDeletedError);
    expect(translated).toMatchObject({ streamId: 'session-1', code: 'stream-deleted' });
  });

  it.each([
    ['as the read stream raises it', new EsdbStreamNotFoundError(undefined, 'session-1')],
    [
      'with the name in bytes',
      new EsdbStreamNotFoundError(undefined, new TextEncoder().encode('session-1')),
    ],
    [
      'from a gRPC error',
      convertToCommandError(
        serviceError(status.NOT_FOUND, 'nf', {
          exception: 'stream-not-found',
          'stream-name': 'session-1',
        }),
      ),
    ],
  ])('StreamNotFoundError %s -> StreamNotFoundError', (_name, error) => {
    const translated = translateError(error, { operation: 'readStream' });
    expect(translated).toBeInstanceOf(StreamNotFoundError);
    expect(translated).toMatchObject({ streamId: 'session-1' });
  });

  it.each([
    ['UNAVAILABLE', serviceError(status.UNAVAILABLE, 'No connection established')],
    ['DEADLINE_EXCEEDED', serviceError(status.DEADLINE_EXCEEDED, 'Deadline exceeded')],
    ['CANCELLED by the server', serviceError(status.CANCELLED, 'Cancelled by server')],
    ['ABORTED (timeout)', serviceError(status.ABORTED, 'timeout')],
    [
      'write after end (the client maps it to unavailable)',
      serviceError(status.INTERNAL, 'write after end'),
    ],
    ['an unknown gRPC failure', serviceError(status.INTERNAL, 'stream reset')],
    [
      'not leader',
      serviceError(status.NOT_FOUND, 'Leader info available', {
        exception: 'not-leader',
        'leader-endpoint-host': '10.0.0.2',
        'leader-endpoint-port': '2113',
      }),
    ],
  ])('%s -> StoreUnavailableError, and is transient', (_name, raw) => {
    const error = convertToCommandError(raw);
    expect(isTransient(error)).toBe(true);
    expect(refusalOf(error)).toBeUndefined();
    const translated = translateError(error, { operation: 'append', streamId: 's' });
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect((translated as StoreUnavailableError).cause).toBe(error);
  });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2113'), { code: 'ECONNREFUSED' }),
    ],
    ['a failed cluster discovery', new Error('Failed to discover after 10 attempts.')],
    ['UnavailableError built directly', new UnavailableError()],
    ['DeadlineExceededError built directly', new DeadlineExceededError()],
  ])('%s -> StoreUnavailableError', (_name, error) => {
    expect(isTransient(error)).toBe(true);
    expect(translateError(error, { operation: 'readAll' })).toBeInstanceOf(StoreUnavailableError);
  });

  it.each([
    ['access denied', new AccessDeniedError(), 'access-denied'],
    ['append too large', MaxAppendSizeExceededError.fromMaxAppendSize(1024), 'too-large'],
    [
      'the per-event limit of 24.10+, which the client cannot name',
      new UnknownError(undefined, 'Could not recognize MaximumAppendEventSizeExceeded'),
      'too-large',
    ],
    [
      'a bad request inside the batch stream',
      new UnknownError(undefined, 'Could not recognize BadRequest'),
      'bad-request',
    ],
    [
      'the invalid-position answer',
      convertToCommandError(
        serviceError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.'),
      ),
      'invalid-position',
    ],
    [
      'the per-event limit on the unary append',
      convertToCommandError(
        serviceError(
          status.INVALID_ARGUMENT,
          'Event with Id: x, Size: 9, exceeds Maximum Append Event Size of 8.',
          {
            exception: 'maximum-append-event-size-exceeded',
          },
        ),
      ),
      'too-large',
    ],
    [
      'a method the server does not have',
      convertToCommandError(serviceError(status.UNIMPLEMENTED, 'unknown method')),
      'unsupported-server',
    ],
  ])(
    'a refusal (%s) -> StoreRefusedError with its reason, never retried',
    (_name, error, reason) => {
      expect(isTransient(error)).toBe(false);
      expect(refusalOf(error)).toBe(reason);
      const translated = translateError(error, { operation: 'append' });
      expect(translated).toBeInstanceOf(StoreRefusedError);
      expect(translated).toBeInstanceOf(StoreUnavailableError);
      expect(translated).toMatchObject({ reason });
      expect((translated as Error).message).toContain('refused append');
    },
  );

  it.each([
    [
      'UNKNOWN from a throwing handler',
      serviceError(status.UNKNOWN, 'Exception was thrown by handler.'),
    ],
    ['INTERNAL', serviceError(status.INTERNAL, 'Received RST_STREAM with code 2')],
  ])('%s stays transient: the bounded retry decides', (_name, raw) => {
    const error = convertToCommandError(raw);
    expect(error).toBeInstanceOf(UnknownError);
    expect(isTransient(error)).toBe(true);
  });

  it('lets a bug through unchanged, and the port errors too', () => {
    const bug = new TypeError('x is undefined');
    expect(translateError(bug, { operation: 'append' })).toBe(bug);
    const ours = new StreamDeletedError('s');
    expect(translateError(ours, { operation: 'append' })).toBe(ours);
    expect(isTransient(bug)).toBe(false);
  });

  it('never retries a wrong expected version or a deleted stream', () => {
    expect(
      isTransient(
        new EsdbWrongExpectedVersionError(undefined, {
          streamName: 's',
          expected: 1n,
          current: 2n,
        }),
      ),
    ).toBe(false);
    expect(isTransient(EsdbStreamDeletedError.fromStreamName('s'))).toBe(false);
  });
});
