import { DELETION_REASON } from '@app/domain';
import { closedObject, component } from '../json-schema';
import { ACTOR } from './money.schema';
import { INSTANT, POSITION, TEXT } from './scalars';

/** What remains of a deleted session: ids only, no personal data. */
export const DELETION_RECORD = component(
  'DeletionRecord',
  closedObject(
    {
      sessionId: TEXT,
      professionalId: TEXT,
      deletedBy: ACTOR.ref,
      deletedAt: INSTANT,
      reason: { const: DELETION_REASON },
      position: POSITION.ref,
    },
    ['sessionId', 'professionalId', 'deletedBy', 'deletedAt', 'reason', 'position'],
  ),
);
