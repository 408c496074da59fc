import type { OperationContract } from '../api-contract.decorator';
import { RETRY_REQUEST } from '../requests/retry.request';
import { REBUILD_JOB, RETRY_REPORT } from '../schemas/admin-answers.schema';
import { CONSUMER_STATUSES } from '../schemas/consumer-status.schema';

const ADMIN = { roles: 'admin', names: ['admin'] };
const PROBLEMS = { 401: true, 403: 'Not an admin' } as const;

export const PROJECTION_STATUS: OperationContract = {
  summary: 'The status of every consumer of the log',
  description:
    'State, position, lag, errors and set-aside sessions of each projection and of the publisher, wherever they run.',
  audience: ADMIN,
  answers: [{ status: 200, description: 'One status per consumer', schema: CONSUMER_STATUSES }],
  problems: PROBLEMS,
  unavailable: 'a store is unreachable',
};

export const REBUILD_PROJECTION: OperationContract = {
  summary: 'Rebuild a projection',
  description: 'Starts the rebuild in the background of this process; follow it at Location.',
  audience: ADMIN,
  answers: [
    {
      status: 202,
      description: 'Started: Location is where its progress is',
      schema: REBUILD_JOB,
      headers: ['Location'],
    },
  ],
  problems: {
    ...PROBLEMS,
    404: 'No projection of that name',
    409: 'A rebuild of that projection is already running',
  },
};

export const RETRY_SET_ASIDE: OperationContract = {
  summary: "Retry a consumer's set-aside sessions",
  description:
    'Re-applies the named set-aside session, or all of them, once the cause is fixed, and says what became of each.',
  audience: ADMIN,
  body: { schema: RETRY_REQUEST },
  answers: [
    { status: 200, description: 'Cleared, failed again, or pending', schema: RETRY_REPORT },
  ],
  problems: {
    ...PROBLEMS,
    400: true,
    404: 'No consumer of that name, or no such set-aside session',
    413: true,
    415: true,
  },
};

export const REBUILD_PROGRESS: OperationContract = {
  summary: "A rebuild's progress",
  audience: ADMIN,
  answers: [{ status: 200, description: 'Where the rebuild is', schema: REBUILD_JOB }],
  problems: { ...PROBLEMS, 404: 'No such rebuild job (finished jobs are kept for a while)' },
};
