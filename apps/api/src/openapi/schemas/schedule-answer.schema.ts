import { closedObject, component } from '../json-schema';
import { POSITION, STREAM_VERSION, TEXT } from './scalars';

/** 201 of POST /sessions: the new session's id, its stream version and the event's position. */
export const SCHEDULE_ANSWER = component(
  'ScheduleAnswer',
  closedObject({ sessionId: TEXT, version: STREAM_VERSION, position: POSITION.ref }, [
    'sessionId',
    'version',
    'position',
  ]),
);
