import { type CorrelatableRequest, resolveCorrelationId } from './correlation-id';

/**
 * Options for `new FastifyAdapter(...)` that make Fastify's request id the correlation id, so
 * `req.id` in the request logs is the same value as `correlationId`. Optional: without them the
 * correlation still works, and `req.id` is Fastify's counter.
 */
export function correlatedFastifyOptions(): {
  requestIdHeader: false;
  genReqId: (request: CorrelatableRequest) => string;
} {
  return {
    // Fastify must not read the header itself: resolveCorrelationId validates it.
    requestIdHeader: false,
    genReqId: (request) => resolveCorrelationId(request),
  };
}
