import type { FastifyInstance } from 'fastify';

/** On every answer: no client or proxy keeps it (private notes), no browser guesses its type. */
export const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

/**
 * The docs page (Swagger UI) loads its scripts and styles from this server only; its inline
 * style blocks need 'unsafe-inline' for styles, never for scripts; icons are data: URIs.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `X-Content-Type-Options: nosniff` on every answer, `Cache-Control: no-store` unless a route set
 * its own (the docs' static assets), and the Content-Security-Policy on HTML pages (the docs).
 * Call before the instance is ready.
 */
export function addSecurityHeaders(instance: FastifyInstance): void {
  instance.addHook('onSend', (_request, reply, payload, done) => {
    void reply.header('x-content-type-options', SECURITY_HEADERS['X-Content-Type-Options']);
    if (!reply.hasHeader('cache-control')) {
      void reply.header('cache-control', SECURITY_HEADERS['Cache-Control']);
    }
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      void reply.header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY);
    }
    done(null, payload);
  });
}
