import { closedObject, component } from '../json-schema';
import { ACTOR } from './money.schema';
import { INSTANT, POSITION, STREAM_VERSION, TEXT } from './scalars';

/** An event's metadata: who, when, why; adapters may carry more (a hash chain, later). */
const METADATA = {
  type: 'object',
  properties: {
    occurredAt: INSTANT,
    actor: ACTOR.ref,
    correlationId: TEXT,
    causationId: TEXT,
  },
  required: ['occurredAt', 'actor', 'correlationId', 'causationId'],
};

export const HISTORY_EVENT = component(
  'HistoryEvent',
  closedObject(
    {
      eventId: TEXT,
      type: { type: 'string', examples: ['SessionCancelled'] },
      streamVersion: { type: 'integer', minimum: 0 },
      position: POSITION.ref,
      schemaVersion: { type: 'integer', description: 'Version of `data` as shown (upcast)' },
      storedSchemaVersion: { type: 'integer', description: 'Version as stored' },
      data: {
        type: 'object',
        description: "The event's data; a private note only in its professional's answer",
      },
      upcastError: closedObject({ code: TEXT, message: TEXT }, ['code', 'message'], {
        description: 'The stored data could not be upcast (a legacy import)',
      }),
      metadata: METADATA,
      recordedAt: INSTANT,
    },
    [
      'eventId',
      'type',
      'streamVersion',
      'position',
      'schemaVersion',
      'storedSchemaVersion',
      'data',
      'metadata',
      'recordedAt',
    ],
  ),
);

/** GET /sessions/{id}/history: the session's events with metadata, in stream order. */
export const SESSION_HISTORY = component(
  'SessionHistory',
  closedObject(
    {
      kind: { const: 'history' },
      sessionId: TEXT,
      professionalId: TEXT,
      version: STREAM_VERSION,
      events: { type: 'array', items: HISTORY_EVENT.ref },
    },
    ['kind', 'sessionId', 'version', 'events'],
  ),
);
