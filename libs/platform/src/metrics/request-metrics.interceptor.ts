import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, tap } from 'rxjs';
import { toProblem } from '../errors/to-problem';
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
 * Times every HTTP handler and counts it by name, route template and final status. Register it
 * globally (MetricsModule does, as APP_INTERCEPTOR). A failing handler is counted with the
 * status the problem filter will answer (the same toProblem mapping), so the figures match what
 * clients saw. Requests refused by a guard (401, 403) never reach an interceptor and are not
 * counted here.
 */
@Injectable()
export class RequestMetricsInterceptor implements NestInterceptor {
  constructor(
    private readonly metrics: RequestMetrics,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const started = process.hrtime.bigint();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const kind: RequestKind = COMMAND_METHODS.has(request.method) ? 'command' : 'query';
    const name = handlerMetricName(context, this.reflector);
    // The template Fastify matched, never the raw URL (which holds session ids).
    const route = request.routeOptions?.url ?? 'unmatched';
    let recorded = false;
    const record = (status: number): void => {
      if (recorded) return;
      recorded = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observe({ kind, name, method: request.method, route, status, seconds });
    };
    return next.handle().pipe(
      tap({
        next: () => record(reply.statusCode),
        complete: () => record(reply.statusCode),
        error: (error: unknown) => record(toProblem(error, route).problem.status),
      }),
    );
  }
}
