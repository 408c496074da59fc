import type { Component, JsonSchema } from './json-schema';
import { CANCEL_SESSION_REQUEST } from './requests/cancel-session.request';
import { PAYMENT_METHODS_REQUEST } from './requests/payment-methods.request';
import { RETRY_REQUEST } from './requests/retry.request';
import { SCHEDULE_SESSION_REQUEST } from './requests/schedule-session.request';
import { REBUILD_JOB, RETRY_REPORT } from './schemas/admin-answers.schema';
import { CALENDAR_ANSWER, CALENDAR_ENTRY } from './schemas/calendar-answer.schema';
import { CANCEL_ANSWER, WRITTEN_EVENT } from './schemas/cancel-answer.schema';
import { CONSUMER_STATUS, CONSUMER_STATUSES } from './schemas/consumer-status.schema';
import { DELETION_RECORD } from './schemas/deletion-record.schema';
import { DELETIONS_ANSWER } from './schemas/deletions-answer.schema';
import { LIVENESS, READINESS } from './schemas/health.schema';
import { ACTOR, CHARGE, FEE, PAYMENT, REASON } from './schemas/money.schema';
import { PAYMENT_METHODS_ANSWER } from './schemas/payment-methods-answer.schema';
import { PROBLEM } from './schemas/problem.schema';
import {
  CHARGED_TOTAL,
  REPORT_ANSWER,
  REPORT_FIGURES,
  REPORT_GROUP,
} from './schemas/report-answer.schema';
import { POSITION } from './schemas/scalars';
import { SCHEDULE_ANSWER } from './schemas/schedule-answer.schema';
import { SESSION_GONE } from './schemas/session-gone.schema';
import { HISTORY_EVENT, SESSION_HISTORY } from './schemas/session-history.schema';
import { CANCELLATION, SCHEDULED_SESSION, SESSION_STATE } from './schemas/session-state.schema';
import { SESSION_VIEW } from './schemas/session-view.schema';
import { STATE_VIEW } from './schemas/state-view.schema';
import { SESSION_VERIFICATION, VERIFICATION_REPORT } from './schemas/verification-report.schema';

/** Every named schema of the document. */
const COMPONENTS: readonly Component[] = [
  PROBLEM,
  SESSION_GONE,
  POSITION,
  ACTOR,
  FEE,
  PAYMENT,
  CHARGE,
  REASON,
  SCHEDULE_SESSION_REQUEST,
  CANCEL_SESSION_REQUEST,
  PAYMENT_METHODS_REQUEST,
  RETRY_REQUEST,
  SCHEDULE_ANSWER,
  CANCEL_ANSWER,
  WRITTEN_EVENT,
  PAYMENT_METHODS_ANSWER,
  SCHEDULED_SESSION,
  CANCELLATION,
  SESSION_STATE,
  SESSION_VIEW,
  STATE_VIEW,
  HISTORY_EVENT,
  SESSION_HISTORY,
  DELETION_RECORD,
  DELETIONS_ANSWER,
  CALENDAR_ENTRY,
  CALENDAR_ANSWER,
  CHARGED_TOTAL,
  REPORT_FIGURES,
  REPORT_GROUP,
  REPORT_ANSWER,
  CONSUMER_STATUS,
  CONSUMER_STATUSES,
  REBUILD_JOB,
  RETRY_REPORT,
  READINESS,
  LIVENESS,
  VERIFICATION_REPORT,
  SESSION_VERIFICATION,
];

export function componentSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(COMPONENTS.map((entry) => [entry.name, entry.schema]));
}
