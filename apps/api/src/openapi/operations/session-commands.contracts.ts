import type { OperationContract } from '../api-contract.decorator';
import { CANCEL_EXAMPLES, SCHEDULE_EXAMPLES } from '../examples/session-examples';
import { CANCEL_SESSION_REQUEST } from '../requests/cancel-session.request';
import { SCHEDULE_SESSION_REQUEST } from '../requests/schedule-session.request';
import { CANCEL_ANSWER } from '../schemas/cancel-answer.schema';
import { SCHEDULE_ANSWER } from '../schemas/schedule-answer.schema';

const PROFESSIONAL_ONLY = {
  roles: "professional (their own sessions; another professional's session is a 404)",
  names: ['professional'],
};

export const SCHEDULE_SESSION: OperationContract = {
  summary: 'Schedule a session',
  description: 'A professional schedules for themself only (another professionalId: 403).',
  audience: { roles: 'professional (for themself only)', names: ['professional'] },
  body: { schema: SCHEDULE_SESSION_REQUEST, examples: SCHEDULE_EXAMPLES },
  command: { ifMatch: false },
  answers: [
    {
      status: 201,
      description: 'Scheduled: Location is the session',
      schema: SCHEDULE_ANSWER,
      headers: ['Location'],
    },
  ],
  problems: {
    400: true,
    401: true,
    403: 'Not a professional, or another professionalId',
    409: 'The session id exists or was deleted, the key is in flight, or concurrency retries ran out',
    413: true,
    415: true,
    422: 'The Idempotency-Key was used with another body',
  },
  unavailable: 'the event store is unreachable',
};

export const CANCEL_SESSION: OperationContract = {
  summary: 'Cancel a session',
  description:
    'With a reason, an optional charge and whether to request a notification to the client. The professional comes from the token, the time from the server clock. Appends SessionCancelled, then ClientCharged if charged, then NotificationRequested if notifying.',
  audience: PROFESSIONAL_ONLY,
  body: { schema: CANCEL_SESSION_REQUEST, examples: CANCEL_EXAMPLES },
  command: { ifMatch: true },
  answers: [
    {
      status: 200,
      description: 'Cancelled: the new version, the events written and their position',
      schema: CANCEL_ANSWER,
    },
  ],
  problems: {
    400: true,
    401: true,
    403: 'Not a professional',
    404: "No such session, another professional's, or deleted",
    409: 'Already cancelled, the key is in flight, or concurrency retries ran out',
    410: 'A replay (same Idempotency-Key) on a session deleted since',
    412: true,
    413: true,
    415: true,
    422: 'A rule refuses it (no-show before the start, a method not enabled, an amount above the fee, ...), or the Idempotency-Key was used with another body',
  },
  unavailable: 'the event store is unreachable',
};

export const DELETE_SESSION: OperationContract = {
  summary: 'Delete a session booked by mistake',
  description:
    'Removes every record of a scheduled or cancelled session that was never charged; a deletion record without personal data remains (GET /api/v1/deletions).',
  audience: PROFESSIONAL_ONLY,
  command: { ifMatch: true },
  answers: [
    {
      status: 204,
      description: "Deleted; the Position header is the deletion record's position",
      headers: ['Position'],
    },
  ],
  problems: {
    400: true,
    401: true,
    403: 'Not a professional',
    404: "No such session, another professional's, or already deleted",
    409: 'The key is in flight, or concurrency retries ran out',
    410: 'A replay (same Idempotency-Key) of another command on a session deleted since',
    412: true,
    422: 'The session was charged (money moved), or the Idempotency-Key was used with another body',
  },
  unavailable: 'the event store is unreachable',
};
