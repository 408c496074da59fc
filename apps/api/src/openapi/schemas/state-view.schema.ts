import { closedObject, component } from '../json-schema';
import { SESSION_STATE } from './session-state.schema';
import { INSTANT, STREAM_VERSION, TEXT } from './scalars';

/** GET /sessions/{id}/state: the state as of a version or an instant. */
export const STATE_VIEW = component(
  'SessionStateAsOf',
  closedObject(
    {
      kind: { const: 'state' },
      sessionId: TEXT,
      professionalId: TEXT,
      asOf: {
        oneOf: [
          closedObject({ version: { type: 'integer', minimum: 0 } }, ['version']),
          closedObject({ at: INSTANT }, ['at']),
        ],
      },
      version: { ...STREAM_VERSION, description: 'Of the last event folded; -1 when none was' },
      state: SESSION_STATE.ref,
      unreadableVersions: {
        type: 'array',
        items: { type: 'integer' },
        description: 'Events folded although their stored data could not be upcast',
      },
    },
    ['kind', 'sessionId', 'asOf', 'version', 'state', 'unreadableVersions'],
  ),
);
