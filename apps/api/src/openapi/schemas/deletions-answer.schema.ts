import { closedObject, component } from '../json-schema';
import { DELETION_RECORD } from './deletion-record.schema';
import { POSITION } from './scalars';

/** GET /deletions: the deletion records of a period, and how fresh the read model is. */
export const DELETIONS_ANSWER = component(
  'Deletions',
  closedObject(
    {
      position: { ...POSITION.ref, description: 'The last position the read model applied' },
      deletions: { type: 'array', items: DELETION_RECORD.ref },
    },
    ['deletions'],
  ),
);
