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
      removedEvents: {
        type: 'array',
        description:
          'Every event the deletion removed, by position, version and chain hash (null: written before the chain), so a verifier accounts for each (docs/audit.md)',
        items: closedObject(
          {
            position: POSITION.ref,
            version: { type: 'integer', minimum: 0 },
            hash: { anyOf: [{ type: 'string', pattern: '^[0-9a-f]{64}$' }, { type: 'null' }] },
          },
          ['position', 'version', 'hash'],
        ),
      },
    },
    ['sessionId', 'professionalId', 'deletedBy', 'deletedAt', 'reason', 'position'],
  ),
);
