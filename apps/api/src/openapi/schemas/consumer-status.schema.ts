import { closedObject, component, orNull } from '../json-schema';
import { COUNT, INSTANT, INTEGER, POSITION, TEXT } from './scalars';

/** A session a consumer set aside: the event it could not apply, and why (libs/consumers). */
const SET_ASIDE_SESSION = closedObject(
  {
    sessionId: TEXT,
    event: closedObject({ streamId: TEXT, eventId: TEXT, type: TEXT, position: POSITION.ref }, [
      'streamId',
      'eventId',
      'type',
      'position',
    ]),
    errorCode: { type: 'string', description: 'A SQLSTATE, `malformed-event`, or an error name' },
    errorMessage: { type: 'string', maxLength: 200 },
    setAsideAt: INSTANT,
    context: orNull({ type: 'object' }),
    retry: closedObject(
      { requestedAt: orNull(INSTANT), attempts: COUNT, lastError: orNull(TEXT) },
      ['requestedAt', 'attempts', 'lastError'],
    ),
  },
  ['sessionId', 'event', 'errorCode', 'errorMessage', 'setAsideAt', 'context', 'retry'],
);

/** A transaction that holds every reader of the log back. */
const HELD_BACK = closedObject(
  {
    transactionId: TEXT,
    pid: INTEGER,
    applicationName: orNull(TEXT),
    startedAt: INSTANT,
    ageMs: { type: 'number', minimum: 0 },
  },
  ['transactionId', 'pid', 'applicationName', 'startedAt', 'ageMs'],
);

/**
 * The one status of a consumer of the log (a projection or the Kafka publisher), the same
 * wherever it runs: the shape of libs/consumers' ConsumerStatus.
 */
export const CONSUMER_STATUS = component(
  'ConsumerStatus',
  closedObject(
    {
      name: { type: 'string', examples: ['calendar'] },
      kind: { type: 'string', enum: ['projection', 'publisher'] },
      state: { type: 'string', enum: ['idle', 'standby', 'running', 'retrying', 'stopped'] },
      health: closedObject(
        {
          state: { type: 'string', enum: ['up', 'degraded', 'standby'] },
          reasons: { type: 'array', items: TEXT },
        },
        ['state', 'reasons'],
      ),
      generation: orNull(INTEGER),
      position: orNull(POSITION.ref),
      lagEvents: COUNT,
      lagEventsExact: { type: 'boolean' },
      lagSeconds: { type: 'number', minimum: 0 },
      lastError: orNull(TEXT),
      lastErrorAt: orNull(INSTANT),
      consecutiveErrors: COUNT,
      totals: {
        type: 'object',
        properties: { events: COUNT, errors: COUNT },
        required: ['events', 'errors'],
        additionalProperties: COUNT,
        description: 'Since the process started; handlers add their own counters',
      },
      lastBatch: orNull(closedObject({ events: COUNT, at: INSTANT }, ['events', 'at'])),
      setAside: { type: 'array', items: SET_ASIDE_SESSION },
      setAsideCount: COUNT,
      heldBack: orNull(HELD_BACK),
      source: { type: 'string', enum: ['this-process', 'report', 'none'] },
      reportedAt: orNull(INSTANT),
    },
    [
      'name',
      'kind',
      'state',
      'health',
      'generation',
      'position',
      'lagEvents',
      'lagEventsExact',
      'lagSeconds',
      'lastError',
      'lastErrorAt',
      'consecutiveErrors',
      'totals',
      'lastBatch',
      'setAside',
      'setAsideCount',
      'heldBack',
      'source',
      'reportedAt',
    ],
  ),
);

/** GET /admin/projections. */
export const CONSUMER_STATUSES = component(
  'ConsumerStatuses',
  closedObject({ consumers: { type: 'array', items: CONSUMER_STATUS.ref } }, ['consumers']),
);
