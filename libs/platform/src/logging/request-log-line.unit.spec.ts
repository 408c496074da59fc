import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { loggerOptions } from './logger-options';
import { logRequestLine } from './request-log-line';
import { LineCapture } from './testing/line-capture';

function exchange(url: string, statusCode: number): [IncomingMessage, ServerResponse] {
  return [{ method: 'POST', url } as IncomingMessage, { statusCode } as ServerResponse];
}

describe('the request line', () => {
  const capture = new LineCapture();
  const logger = pino(loggerOptions('info'), capture);

  it('is info for an answer, warn for a client error, error for ours; the url redacted', () => {
    const startedAt = Date.now() - 5;
    logRequestLine(
      logger,
      ...exchange('/api/v1/x?access_token=abc.def.ghi', 200),
      'c-1',
      startedAt,
      false,
    );
    logRequestLine(logger, ...exchange('/api/v1/x', 409), 'c-2', startedAt, false);
    logRequestLine(logger, ...exchange('/api/v1/x', 503), 'c-3', startedAt, false);
    expect(capture.lines.map((l) => [l.correlationId, l.level, l.msg])).toEqual([
      ['c-1', 30, 'request completed'],
      ['c-2', 40, 'request completed'],
      ['c-3', 50, 'request errored'],
    ]);
    expect(capture.lines[0]).toMatchObject({
      req: { id: 'c-1', method: 'POST', url: '/api/v1/x?access_token=[redacted]' },
      res: { statusCode: 200 },
    });
    expect(capture.lines[0]?.responseTime).toBeGreaterThanOrEqual(5);
    expect(capture.lines.some((l) => 'aborted' in l || 'err' in l)).toBe(false);
  });

  it('says when the client went away before the answer', () => {
    logRequestLine(logger, ...exchange('/api/v1/y', 200), 'c-4', Date.now(), true);
    expect(capture.lines.at(-1)).toMatchObject({ correlationId: 'c-4', aborted: true });
  });

  it('costs nothing below the level', () => {
    const quiet = new LineCapture();
    logRequestLine(pino(loggerOptions('error'), quiet), ...exchange('/a', 404), 'c-5', 0, false);
    expect(quiet.lines).toEqual([]);
  });
});
