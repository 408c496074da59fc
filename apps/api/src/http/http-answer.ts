import type { FastifyReply } from 'fastify';
import type { JsonValue } from '@app/event-store';

/** A command's answer over HTTP: status, the headers that belong to it, the body (null: none). */
export type HttpAnswer = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: JsonValue | null;
};

export const REPLAYED_HEADER = 'Idempotent-Replayed';

export function ok(body: JsonValue): HttpAnswer {
  return { status: 200, headers: {}, body };
}

/**
 * Writes an answer (fresh or replayed) on a passthrough reply: status and headers here, the body
 * returned for Nest to serialise (undefined for 204). A replay says so (docs/product.md).
 */
export function sendAnswer(
  reply: FastifyReply,
  answer: HttpAnswer,
  replayed = false,
): JsonValue | undefined {
  void reply.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) void reply.header(name, value);
  if (replayed) void reply.header(REPLAYED_HEADER, 'true');
  return answer.body ?? undefined;
}
