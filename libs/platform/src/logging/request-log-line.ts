import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { redactUrl } from './redact-secrets';

/**
 * The one line a request is logged with, once it is answered: what was asked (method, url with
 * any token redacted; no header, so no credential) and answered (status), and how long it took.
 * A client error is the client's business (warn); only a 5xx is an error of ours. A refusal we
 * answered on purpose is a line like any other, without a stack: a real bug's stack is logged
 * once, by the exception filter. A request the client gave up on says so (`aborted`).
 */
export function logRequestLine(
  logger: Logger,
  request: IncomingMessage,
  response: ServerResponse,
  correlationId: string,
  startedAt: number,
  aborted: boolean,
): void {
  const statusCode = response.statusCode;
  const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  const url = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url;
  logger[level](
    {
      correlationId,
      req: { id: correlationId, method: request.method, url: redactUrl(url ?? '') },
      res: { statusCode },
      responseTime: Date.now() - startedAt,
      ...(aborted ? { aborted } : {}),
    },
    statusCode >= 500 ? 'request errored' : 'request completed',
  );
}
