import type { FastifyReply } from 'fastify';
import type { CommandAnswer } from '@app/application';
import type { JsonValue } from '@app/event-store';

/**
 * Writes a command's answer (fresh or replayed) on a passthrough reply: status, the stored
 * headers, and the body for Nest to serialise (undefined for 204).
 */
export function sendAnswer(reply: FastifyReply, answer: CommandAnswer): JsonValue | undefined {
  void reply.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) void reply.header(name, value);
  return answer.body ?? undefined;
}
