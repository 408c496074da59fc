import type { AppendResult, JsonValue, NewEvent } from '@app/event-store';
import { answer, type CommandAnswer } from '../../answers/command-answer';

/**
 * PRODUCT.md's cancel answer: the new version, the position, and the events written with their
 * stream versions. Only the owner cancels, so the note (reason `other`) stays in it.
 */
export function cancelAnswer(
  sessionId: string,
  events: readonly NewEvent[],
  result: AppendResult,
): CommandAnswer {
  const first = result.version - events.length + 1;
  return answer(200, {
    sessionId,
    version: result.version,
    position: result.position,
    events: events.map((event, index) => ({
      eventId: event.eventId,
      type: event.type,
      streamVersion: first + index,
      schemaVersion: event.schemaVersion,
      data: event.data,
    })) as JsonValue,
  });
}
