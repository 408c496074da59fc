import { closedObject, component } from '../json-schema';
import { DELETION_RECORD } from './deletion-record.schema';
import { PROBLEM_PROPERTIES, PROBLEM_REQUIRED } from './problem.schema';
import { TEXT } from './scalars';

/** The 410 of a deleted session's history: a problem document extended with its deletion record. */
export const SESSION_GONE = component(
  'SessionGone',
  closedObject(
    { ...PROBLEM_PROPERTIES, sessionId: TEXT, deletion: DELETION_RECORD.ref },
    [...PROBLEM_REQUIRED, 'sessionId', 'deletion'],
    { description: 'Problem details (code session-deleted) with the deletion record' },
  ),
);
