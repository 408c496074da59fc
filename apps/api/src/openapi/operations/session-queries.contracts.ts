import type { OperationContract } from '../api-contract.decorator';
import { SESSION_GONE } from '../schemas/session-gone.schema';
import { SESSION_HISTORY } from '../schemas/session-history.schema';
import { SESSION_VIEW } from '../schemas/session-view.schema';
import { STATE_VIEW } from '../schemas/state-view.schema';

const READERS = {
  roles: "professional (their own sessions; another professional's is a 404), auditor, admin",
  names: ['professional', 'auditor', 'admin'],
};

const PROBLEMS = {
  400: true,
  401: true,
  404: "No such session, another professional's, or deleted",
} as const;

const NOTE =
  "Straight from the event store, always current (minPosition is accepted and needs no wait). The private note is in its professional's answer only; others see hasPrivateNote.";

export const GET_SESSION: OperationContract = {
  summary: "A session's current state",
  description: NOTE,
  audience: READERS,
  answers: [
    {
      status: 200,
      description: 'The current state; ETag is the version',
      schema: SESSION_VIEW,
      headers: ['ETag'],
    },
  ],
  problems: PROBLEMS,
  unavailable: 'the event store is unreachable',
};

export const GET_SESSION_HISTORY: OperationContract = {
  summary: "A session's history",
  description: `Every event with its metadata, stored and shown schema versions. ${NOTE}`,
  audience: READERS,
  answers: [{ status: 200, description: 'The events, in stream order', schema: SESSION_HISTORY }],
  problems: {
    ...PROBLEMS,
    410: 'The session was deleted: the body holds its deletion record (former owner, auditor, admin)',
  },
  problemSchemas: { 410: SESSION_GONE },
  unavailable: 'the event store is unreachable',
};

export const GET_SESSION_STATE: OperationContract = {
  summary: "A session's state as of a version or an instant",
  description: `Give exactly one of at and version. ${NOTE}`,
  audience: READERS,
  answers: [{ status: 200, description: 'The state as of then', schema: STATE_VIEW }],
  problems: PROBLEMS,
  unavailable: 'the event store is unreachable',
};
