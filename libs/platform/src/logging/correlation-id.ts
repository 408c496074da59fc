import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Request and response header carrying the correlation id. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * What a client may send as a correlation id: short and free of characters that could forge a
 * log line or a header. Anything else is replaced by a fresh id rather than refused: tracing
 * must never fail a request.
 */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Our own slot on the raw request: `req.id` is taken (Fastify's middleware layer sets it to its
 * own request id), and a symbol cannot collide with anything.
 */
const SLOT = Symbol('correlation-id');

/** Any raw request (HTTP/1 or HTTP/2): only its headers are read. */
export interface CorrelatableRequest {
  readonly headers: IncomingHttpHeaders;
}
type Slotted = CorrelatableRequest & { [SLOT]?: string };

/**
 * The request's correlation id: the one already resolved for it, else the client's header when
 * acceptable, else a new UUID. Remembered on the request, so the logger, the correlation
 * middleware and Fastify's request id (see correlatedFastifyOptions) agree whichever asks first.
 */
export function resolveCorrelationId(request: CorrelatableRequest): string {
  const slotted = request as Slotted;
  const known = slotted[SLOT];
  if (known !== undefined) return known;
  const header = request.headers[CORRELATION_ID_HEADER];
  const id = typeof header === 'string' && ACCEPTABLE.test(header) ? header : randomUUID();
  slotted[SLOT] = id;
  return id;
}
