import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { whenAnswered } from '../http/when-answered';
import { METRIC_NAME } from './metric-name.decorator';
import { RequestMetrics, type RequestKind } from './request-metrics';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The label of a handler: the @MetricName given, else `<Controller>.<method>`. */
export function handlerMetricName(context: ExecutionContext, reflector: Reflector): string {
  const named = reflector.get<string | undefined>(METRIC_NAME, context.getHandler());
  if (named !== undefined) return named;
  return `${context.getClass().name.replace(/Controller$/, '')}.${context.getHandler().name}`;
}

/**
 * Times every HTTP handler and counts it by name, route template and the status its client got
 * (read when the answer is handed over, so a refusal counts with the status the problem filter
 * answered). Registered globally by MetricsModule, as a guard that always lets the request
 * through: the first point where Nest says which handler a request goes to. Not an interceptor:
 * Nest runs every request through each interceptor with two AsyncResource.bind calls (on Node 20
 * each builds a deprecation wrapper) and an rxjs pipeline, which cost 0.1 ms of CPU a request in
 * the API benchmark, more than the rest of a public GET. Requests refused by a guard that runs
 * before this one (authentication, roles) are not counted; nor are those refused before Nest's
 * pipeline runs (no route: 404; Fastify's body checks: 413, 415).
 */
@Injectable()
export class RequestMetricsGuard implements CanActivate {
  constructor(
    private readonly metrics: RequestMetrics,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): true {
    if (context.getType() !== 'http') return true;
    const started = process.hrtime.bigint();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const kind: RequestKind = COMMAND_METHODS.has(request.method) ? 'command' : 'query';
    const name = handlerMetricName(context, this.reflector);
    // The template Fastify matched, never the raw URL (which holds session ids).
    const route = request.routeOptions.url ?? 'unmatched';
    whenAnswered(reply.raw, () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observe({
        kind,
        name,
        method: request.method,
        route,
        status: reply.statusCode,
        seconds,
      });
    });
    return true;
  }
}
