import type { OperationContract } from '../api-contract.decorator';
import { CALENDAR_ANSWER } from '../schemas/calendar-answer.schema';
import { DELETIONS_ANSWER } from '../schemas/deletions-answer.schema';
import { REPORT_ANSWER } from '../schemas/report-answer.schema';

/** Queries of the read models: `minPosition` waits (bounded) for the caller's own writes. */
const PROBLEMS = {
  400: true,
  401: true,
  403: 'A professional asked for another professionalId',
} as const;

const UNAVAILABLE = 'minPosition was not reached in time, or the read-model store is unreachable';

export const GET_CALENDAR: OperationContract = {
  summary: "A professional's calendar",
  description:
    'Sessions overlapping [from, to), cancelled ones with their reason; the private note only for its owner.',
  audience: {
    roles:
      'professional (their own; professionalId may be omitted), auditor and admin (professionalId required)',
    names: ['professional', 'auditor', 'admin'],
  },
  answers: [
    { status: 200, description: 'The sessions, and the position applied', schema: CALENDAR_ANSWER },
  ],
  problems: PROBLEMS,
  unavailable: UNAVAILABLE,
};

export const GET_CANCELLATION_REPORT: OperationContract = {
  summary: 'The cancellation report',
  description:
    'Figures of the sessions starting in [from, to) (dates in tz), in totals and in groups (groupBy reason, professional or day). No free text, no personal data beyond ids; deleted sessions count nowhere.',
  audience: {
    roles: 'professional (their own figures), auditor, admin',
    names: ['professional', 'auditor', 'admin'],
  },
  answers: [{ status: 200, description: 'Totals and groups', schema: REPORT_ANSWER }],
  problems: PROBLEMS,
  unavailable: UNAVAILABLE,
};

export const LIST_DELETIONS: OperationContract = {
  summary: 'Deletion records',
  description: 'The records of sessions deleted in [from, to): ids only, no personal data.',
  audience: {
    roles: 'professional (their own), auditor, admin',
    names: ['professional', 'auditor', 'admin'],
  },
  answers: [{ status: 200, description: 'The records', schema: DELETIONS_ANSWER }],
  problems: PROBLEMS,
  unavailable: UNAVAILABLE,
};
