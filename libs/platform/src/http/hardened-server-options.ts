import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { BOUNDS } from '@app/domain';
import type { HttpTimeouts } from '../config/app-config';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from '../errors/problem-details';
import { toProblem } from '../errors/to-problem';
import { redactSecrets } from '../logging/redact-secrets';
import { MalformedUrlError, UriTooLongError } from './http-layer-errors';
import { pathOfUrl } from './path-of-url';
import { parseStrictQueryString } from './strict-query-strings';
import { SECURITY_HEADERS } from './security-headers';

const logger = new Logger('HttpLayer');

/** An id of BOUNDS.id percent-encoded: 4 UTF-8 bytes per code point, 3 characters per byte. */
export const MAX_PATH_PARAMETER_LENGTH = BOUNDS.id.maxLength * 12;

/** Errors Node's HTTP parser and timers raise before Fastify sees a request. */
const CLIENT_ERRORS: Readonly<Record<string, { status: number; code: string; detail: string }>> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request-timeout',
    detail: 'The request (headers and body) was not received in time',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'header-fields-too-large',
    detail: 'The request line and headers are larger than the server accepts',
  },
};
const MALFORMED_REQUEST = {
  status: 400,
  code: 'malformed-request',
  detail: 'The request is not valid HTTP/1.1',
};

/**
 * The answer to a request Node's parser refused (malformed, headers too large) or a client too
 * slow to send it (408): problem+json written on the socket, which is then closed. Nothing the
 * request said is echoed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, code, detail } = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED_REQUEST;
  const title = STATUS_CODES[status] ?? 'Client error';
  const incoming = (socket as Socket & { parser?: { incoming?: { url?: string } } }).parser
    ?.incoming;
  const problem: ProblemDetails = {
    type: problemType(code),
    title,
    status,
    detail,
    instance: pathOfUrl(incoming?.url),
    code,
    ...(status === 400 ? { errors: [{ field: '(request)', message: detail }] } : {}),
  };
  // A refusal we decided: one line, no stack.
  logger.warn(`${status} ${code}: ${error.code ?? error.message}`);
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && response?.headersSent !== true) {
    const body = JSON.stringify(problem);
    const headers = {
      'Content-Type': PROBLEM_CONTENT_TYPE,
      'Content-Length': String(Buffer.byteLength(body)),
      Connection: 'close',
      ...SECURITY_HEADERS,
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`HTTP/1.1 ${status} ${title}\r\n${head}\r\n${body}`);
  }
  socket.destroy();
}

/** Fastify's own refusals of a URL (bad percent-encoding, a path parameter too long) as problems. */
function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const refusal =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new UriTooLongError() : new MalformedUrlError();
  const instance = pathOfUrl(request.url);
  const { problem, headers } = toProblem(refusal, instance);
  logger.warn(`${problem.status} ${problem.code}: ${request.method} ${redactSecrets(instance)}`);
  void reply
    .status(problem.status)
    .headers({ ...headers, ...SECURITY_HEADERS })
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}

/**
 * Fastify options for a server facing the open network: the whole request within
 * `requestTimeoutMs` and its headers within `headersTimeoutMs` (408 otherwise; Node checks its
 * connections often enough for a one-second setting to be honoured), path parameters long enough
 * for any valid id, query strings decoded strictly (see refuseMalformedQueries), and every refusal
 * of Node's parser or Fastify's router as problem+json.
 */
export function hardenedServerOptions(timeouts: HttpTimeouts): Pick<
  FastifyServerOptions,
  'requestTimeout' | 'routerOptions' | 'frameworkErrors' | 'clientErrorHandler'
> & {
  http: { headersTimeout: number; connectionsCheckingInterval: number };
} {
  const shortest = Math.min(timeouts.requestTimeoutMs, timeouts.headersTimeoutMs);
  return {
    requestTimeout: timeouts.requestTimeoutMs,
    http: {
      headersTimeout: timeouts.headersTimeoutMs,
      // Node looks for expired requests at this interval (30 s by default): a quarter of the
      // shortest timeout keeps a 408 within 25% of its setting.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(shortest / 4))),
    },
    routerOptions: {
      maxParamLength: MAX_PATH_PARAMETER_LENGTH,
      querystringParser: parseStrictQueryString,
    },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  };
}
