import type { FastifyInstance } from 'fastify';

/**
 * Lets `close()` finish as soon as the requests in flight are answered, whatever the clients'
 * keep-alive. Fastify's close stops listening, drops idle connections and answers requests that
 * arrive later 503, but a connection whose request was in flight goes back to idle after its
 * answer and then stays open until the keep-alive timeout (72 s by default): a client or load
 * balancer that keeps its pool holds the close, and the process, past any stop grace period (then
 * it is killed, losing what was in flight). From close on, every answer says `Connection: close`,
 * so Node ends each such connection right after its last answer.
 *
 * Call before the instance is ready (hooks cannot be added after).
 */
export function closeConnectionsOnClose(instance: FastifyInstance): void {
  let closing = false;
  instance.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  instance.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}
