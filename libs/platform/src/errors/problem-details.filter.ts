import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathOfUrl } from '../http/path-of-url';
import { resolveCorrelationId } from '../logging/correlation-id';
import { redactSecrets } from '../logging/redact-secrets';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { toProblem } from './to-problem';

/**
 * The one global exception filter: every error of an HTTP request, including those Fastify raises
 * before Nest's pipeline (malformed JSON, unknown routes), is answered as problem+json.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    // Only HTTP has a response to write; elsewhere (CQRS handlers, microservices) the caller
    // deals with the error.
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const { problem, headers, unexpected } = toProblem(exception, pathOfUrl(request.url));
    if (unexpected) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({
        // An error thrown in middleware comes with Node's own request (no `raw`), as the response.
        correlationId: resolveCorrelationId('raw' in request ? request.raw : request),
        msg: `${request.method} ${redactSecrets(problem.instance)} failed: ${redactSecrets(error.message)}`,
        err: { type: error.name, message: redactSecrets(error.message), stack: error.stack },
      });
    }
    const body = JSON.stringify(problem);
    const response = http.getResponse<FastifyReply | ServerResponse>();
    if (isFastifyReply(response)) {
      void response.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
      return;
    }
    // Errors raised in middleware reach us with Node's raw response.
    response.statusCode = problem.status;
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    response.end(body);
  }
}

function isFastifyReply(response: FastifyReply | ServerResponse): response is FastifyReply {
  return 'raw' in response;
}
