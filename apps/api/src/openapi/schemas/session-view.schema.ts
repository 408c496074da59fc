import { closedObject, component } from '../json-schema';
import { SESSION_STATE } from './session-state.schema';
import { STREAM_VERSION, TEXT } from './scalars';

/** GET /sessions/{id}: the current state; the ETag header holds `version`. */
export const SESSION_VIEW = component(
  'Session',
  closedObject({ sessionId: TEXT, version: STREAM_VERSION, state: SESSION_STATE.ref }, [
    'sessionId',
    'version',
    'state',
  ]),
);
