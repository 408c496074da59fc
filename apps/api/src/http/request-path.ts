import type { FastifyRequest } from 'fastify';
import { pathOfUrl } from '@app/platform';

/** The path without its query string. */
export function pathOf(request: FastifyRequest): string {
  return pathOfUrl(request.url);
}
