import { DELETION_REASON } from '@app/domain';
import type { SqlExecutor } from '@app/event-store/sql';
import {
  DELETIONS_PROJECTION,
  type DeletionRecord,
  type DeletionsAnswer,
  type DeletionsQuery,
} from '@app/application/ports';
import { readActive } from '../runner';
import { DELETIONS_TABLE } from './deletion-projection';

interface DeletionRow {
  session_id: string;
  professional_id: string;
  deleted_by_user_id: string;
  deleted_by_role: string;
  deleted_at: string;
  position: string;
}

const COLUMNS = `session_id, professional_id, deleted_by_user_id, deleted_by_role,
  to_char(deleted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS deleted_at,
  position::text AS position`;

const toRecord = (row: DeletionRow): DeletionRecord => ({
  sessionId: row.session_id,
  professionalId: row.professional_id,
  deletedBy: { userId: row.deleted_by_user_id, role: row.deleted_by_role },
  deletedAt: row.deleted_at,
  reason: DELETION_REASON,
  position: row.position,
});

/** Deletion records with deletedAt in [from, to), optionally of one professional. */
export async function listDeletions(
  db: SqlExecutor,
  query: DeletionsQuery,
): Promise<DeletionsAnswer> {
  const read = await readActive(db, DELETIONS_PROJECTION, (names) =>
    db.query<DeletionRow>(
      `SELECT ${COLUMNS} FROM ${names(DELETIONS_TABLE)}
       WHERE deleted_at >= $1::timestamptz AND deleted_at < $2::timestamptz
         AND ($3::text IS NULL OR professional_id = $3::text)
       ORDER BY deleted_at, session_id`,
      [query.from, query.to, query.professionalId ?? null],
    ),
  );
  return { position: read.position, deletions: read.result.map(toRecord) };
}

/** One session's deletion record, if it has one (history answers 410 with it). */
export async function findDeletion(
  db: SqlExecutor,
  sessionId: string,
): Promise<DeletionRecord | undefined> {
  const read = await readActive(db, DELETIONS_PROJECTION, (names) =>
    db.query<DeletionRow>(
      `SELECT ${COLUMNS} FROM ${names(DELETIONS_TABLE)} WHERE session_id = $1`,
      [sessionId],
    ),
  );
  const row = read.result[0];
  return row === undefined ? undefined : toRecord(row);
}
