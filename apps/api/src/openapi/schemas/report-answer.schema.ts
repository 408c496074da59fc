import { CANCELLATION_REASONS, WORKSTATION_PAYMENT_METHODS } from '@app/domain';
import { closedObject, component, orNull, type JsonSchema } from '../json-schema';
import { REASON } from './money.schema';
import { COUNT, INTEGER, POSITION, TEXT, TEXTS } from './scalars';

const RATIO = orNull({ type: 'number', minimum: 0, maximum: 1 });

export const CHARGED_TOTAL = component(
  'ChargedTotal',
  closedObject(
    {
      currency: TEXT,
      method: { type: 'string', enum: WORKSTATION_PAYMENT_METHODS },
      amountMinor: INTEGER,
      count: COUNT,
    },
    ['currency', 'method', 'amountMinor', 'count'],
  ),
);

const FIGURES: Record<string, JsonSchema> = {
  scheduled: COUNT,
  cancellations: COUNT,
  cancellationsByReason: closedObject(
    Object.fromEntries(CANCELLATION_REASONS.map((reason) => [reason, COUNT])),
    CANCELLATION_REASONS,
  ),
  lateCancellations: { ...COUNT, description: 'Notice < 24 h, no-shows excluded' },
  noShows: COUNT,
  noShowRate: { ...RATIO, description: 'noShows / scheduled; null when nothing was scheduled' },
  charged: { type: 'array', items: CHARGED_TOTAL.ref },
  creditsCharged: COUNT,
  notificationsRequested: COUNT,
  notificationShare: {
    ...RATIO,
    description: 'Cancellations with a notification requested / cancellations',
  },
};

/** Every figure of the report, for a period or one group. */
export const REPORT_FIGURES = component(
  'ReportFigures',
  closedObject(FIGURES, Object.keys(FIGURES)),
);

/** groupBy=reason: the cancellations of one reason. */
const REASON_GROUP = closedObject(
  {
    key: REASON.ref,
    cancellations: COUNT,
    late: COUNT,
    charged: { type: 'array', items: CHARGED_TOTAL.ref },
    creditsCharged: COUNT,
    notificationShare: RATIO,
  },
  ['key', 'cancellations', 'late', 'charged', 'creditsCharged', 'notificationShare'],
);

/** groupBy=professional or day: every figure, under the professional's id or the date. */
const FIGURES_GROUP = closedObject({ key: TEXT, ...FIGURES }, ['key', ...Object.keys(FIGURES)]);

export const REPORT_GROUP = component('ReportGroup', { oneOf: [REASON_GROUP, FIGURES_GROUP] });

/** GET /reports/cancellations: figures of a period in a time zone, and groups. */
export const REPORT_ANSWER = component(
  'CancellationReport',
  closedObject(
    {
      from: { type: 'string', format: 'date' },
      to: { type: 'string', format: 'date' },
      tz: { type: 'string', examples: ['UTC'] },
      position: { ...POSITION.ref, description: 'The last position the read model applied' },
      setAside: { ...TEXTS, description: 'Sessions set aside: counted nowhere until retried' },
      totals: REPORT_FIGURES.ref,
      groups: { type: 'array', items: REPORT_GROUP.ref },
    },
    ['from', 'to', 'tz', 'setAside', 'totals', 'groups'],
  ),
);
