import type { CancellationReason } from '@app/domain';

/** Human labels for the calendar (English; clients may translate by the reason code). */
export const REASON_LABELS: Readonly<Record<CancellationReason, string>> = {
  'cancelled-by-professional': 'Cancelled by professional',
  'cancelled-by-client': 'Cancelled by client',
  'client-no-show': 'Client no-show',
  other: 'Other',
};
