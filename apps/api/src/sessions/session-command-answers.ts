import type { DeleteSessionResult, ScheduleSessionResult } from '@app/application';
import type { HttpAnswer } from '../http';

/** 201 with the new session's Location. */
export function scheduledAnswer(result: ScheduleSessionResult): HttpAnswer {
  return {
    status: 201,
    headers: { location: `/api/v1/sessions/${encodeURIComponent(result.sessionId)}` },
    body: result,
  };
}

/** 204; the deletion record's position in the Position header. */
export function deletedAnswer(result: DeleteSessionResult): HttpAnswer {
  return { status: 204, headers: { position: result.position }, body: null };
}
