import type { SqlExecutor } from '@app/event-store/sql';
import { activeGeneration } from '@app/consumers';
import { DELETIONS_PROJECTION } from '@app/application/ports';
import { generationTableNames, type ProjectionDefinition } from '../runner';

const TABLE = 'session_deletions';

/**
 * Deletion records, without personal data: which session, whose, who deleted it, when, why, and
 * the record's position. The other projections read this table to skip deleted sessions.
 */
export const deletionProjection: ProjectionDefinition = {
  name: DELETIONS_PROJECTION,
  tables: [TABLE],
  skipsDeletedSessions: false,
  reads: ['SessionDeleted'],
  createTables: (names) => [
    `CREATE TABLE ${names(TABLE)} (
       session_id text PRIMARY KEY,
       professional_id text NOT NULL,
       deleted_by_user_id text NOT NULL,
       deleted_by_role text NOT NULL,
       deleted_at timestamptz NOT NULL,
       reason text NOT NULL,
       position numeric(40, 0) NOT NULL
     )`,
    `CREATE INDEX ${names(TABLE)}_deleted_at ON ${names(TABLE)} (deleted_at, professional_id)`,
  ],
  async apply(tx, events, names) {
    const rows = events.flatMap(({ event, fact }) =>
      fact.kind === 'deleted' ? [{ position: event.position, data: fact.data }] : [],
    );
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO ${names(TABLE)}
         (session_id, professional_id, deleted_by_user_id, deleted_by_role, deleted_at, reason,
          position)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
                            $6::text[], $7::numeric[])
       ON CONFLICT (session_id) DO NOTHING`,
      [
        rows.map((row) => row.data.sessionId),
        rows.map((row) => row.data.professionalId),
        rows.map((row) => row.data.deletedBy.userId),
        rows.map((row) => row.data.deletedBy.role),
        rows.map((row) => row.data.deletedAt),
        rows.map((row) => row.data.reason),
        rows.map((row) => row.position),
      ],
    );
  },
};

/**
 * The sessions among these with a deletion record, read in the caller's transaction from the
 * deletion projection's active generation (none before that projection first ran). The
 * generation is read FOR SHARE: a rebuild of the deletions cannot swap and drop the table under
 * the caller's batch, which would fail it for no fault of its events.
 */
export async function deletedSessionsAmong(
  tx: SqlExecutor,
  sessionIds: readonly string[],
): Promise<ReadonlySet<string>> {
  const generation = await activeGeneration(tx, DELETIONS_PROJECTION, 'FOR SHARE');
  if (generation === undefined || sessionIds.length === 0) return new Set();
  const rows = await tx.query<{ session_id: string }>(
    `SELECT session_id FROM ${generationTableNames(generation)(TABLE)}
     WHERE session_id = ANY($1::text[])`,
    [sessionIds],
  );
  return new Set(rows.map((row) => row.session_id));
}

export const DELETIONS_TABLE = TABLE;
