import type { JsonObject, Position, RecordedEvent } from '@app/event-store';
import type { SqlExecutor } from '@app/event-store/sql';
import { activeGeneration } from './checkpoints';

/** Messages may hold personal data and any length: only this much is kept. */
export const SET_ASIDE_MESSAGE_LENGTH = 200;

/** A session a consumer could not apply an event of, and skips until it is retried or deleted. */
export interface SetAsideSession {
  readonly sessionId: string;
  /** The event that could not be applied. */
  readonly event: {
    readonly streamId: string;
    readonly eventId: string;
    readonly type: string;
    readonly position: Position;
  };
  /** A SQLSTATE, `malformed-event`, or the error's name. */
  readonly errorCode: string;
  /** Cut to SET_ASIDE_MESSAGE_LENGTH characters. */
  readonly errorMessage: string;
  readonly setAsideAt: string;
  /** What the consumer knows of the session (whose, when), for answers that would include it. */
  readonly context: JsonObject | null;
  readonly retry: {
    readonly requestedAt: string | null;
    readonly attempts: number;
    readonly lastError: string | null;
  };
}

interface SetAsideRow {
  session_id: string;
  stream_id: string;
  event_id: string;
  event_type: string;
  position: string;
  error_code: string;
  error_message: string;
  set_aside_at: string;
  context: JsonObject | null;
  retry_requested_at: string | null;
  retries: number;
  last_retry_error: string | null;
}

const iso = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;

const COLUMNS = `session_id, stream_id, event_id, event_type, position::text AS position, error_code,
  error_message, ${iso('set_aside_at')}, context, ${iso('retry_requested_at')}, retries,
  last_retry_error`;

const toRecord = (row: SetAsideRow): SetAsideSession => ({
  sessionId: row.session_id,
  event: {
    streamId: row.stream_id,
    eventId: row.event_id,
    type: row.event_type,
    position: row.position,
  },
  errorCode: row.error_code,
  errorMessage: row.error_message,
  setAsideAt: row.set_aside_at,
  context: row.context,
  retry: {
    requestedAt: row.retry_requested_at,
    attempts: Number(row.retries),
    lastError: row.last_retry_error,
  },
});

/** At most `length` characters (code points), so a surrogate pair is never cut in half. */
export function cutMessage(message: string, length = SET_ASIDE_MESSAGE_LENGTH): string {
  const characters = [...message];
  return characters.length <= length ? message : characters.slice(0, length).join('');
}

/** The code an error is recorded with: its SQLSTATE or own code, else its name. */
export function errorCodeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error ? error.name : 'error';
}

export const errorMessageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Records the session as set aside because of `event`; the first cause is kept. */
export async function recordSetAside(
  tx: SqlExecutor,
  consumer: string,
  generation: number,
  sessionId: string,
  event: RecordedEvent,
  error: unknown,
  context: JsonObject | undefined,
): Promise<void> {
  await tx.query(
    `INSERT INTO consumer_set_aside (consumer, generation, session_id, stream_id, event_id,
       event_type, position, error_code, error_message, context)
     VALUES ($1, $2, $3, $4, $5, $6, $7::numeric, $8, $9, $10::jsonb)
     ON CONFLICT (consumer, generation, session_id) DO NOTHING`,
    [
      consumer,
      generation,
      sessionId,
      event.streamId,
      event.eventId,
      event.type,
      event.position,
      cutMessage(errorCodeOf(error), 64),
      cutMessage(errorMessageOf(error)),
      context === undefined ? null : JSON.stringify(context),
    ],
  );
}

/** Removes these sessions' records (deleted, or retried successfully). */
export async function clearSetAside(
  tx: SqlExecutor,
  consumer: string,
  generation: number,
  sessionIds: readonly string[],
): Promise<void> {
  if (sessionIds.length === 0) return;
  await tx.query(
    `DELETE FROM consumer_set_aside
     WHERE consumer = $1 AND generation = $2 AND session_id = ANY($3::text[])`,
    [consumer, generation, sessionIds],
  );
}

/** The ids of a generation's set-aside sessions: what its consumer skips. */
export async function setAsideIds(
  db: SqlExecutor,
  consumer: string,
  generation: number,
): Promise<string[]> {
  const rows = await db.query<{ session_id: string }>(
    'SELECT session_id FROM consumer_set_aside WHERE consumer = $1 AND generation = $2',
    [consumer, generation],
  );
  return rows.map((row) => row.session_id);
}

export interface SetAsideList {
  /** All of them, when there are at most `limit`. */
  readonly sessions: readonly SetAsideSession[];
  readonly count: number;
}

/** The set-aside sessions of a generation, oldest first (at most `limit`), and how many there are. */
export async function listSetAside(
  db: SqlExecutor,
  consumer: string,
  generation: number,
  limit = 100,
): Promise<SetAsideList> {
  const rows = await db.query<SetAsideRow & { total: string }>(
    `SELECT ${COLUMNS}, count(*) OVER () AS total FROM consumer_set_aside
     WHERE consumer = $1 AND generation = $2
     ORDER BY set_aside_at, session_id LIMIT $3`,
    [consumer, generation, limit],
  );
  return { sessions: rows.map(toRecord), count: Number(rows[0]?.total ?? 0) };
}

/**
 * Asks the running consumer to re-apply set-aside sessions of its active generation (one, or
 * all): answers the ids asked for. The consumer picks the request up between batches, wherever
 * it runs, since the request lives in the database.
 */
export async function requestRetry(
  db: SqlExecutor,
  consumer: string,
  sessionId?: string,
): Promise<string[]> {
  const generation = await activeGeneration(db, consumer);
  if (generation === undefined) return [];
  const rows = await db.query<{ session_id: string }>(
    `UPDATE consumer_set_aside SET retry_requested_at = now()
     WHERE consumer = $1 AND generation = $2 AND ($3::text IS NULL OR session_id = $3::text)
     RETURNING session_id`,
    [consumer, generation, sessionId ?? null],
  );
  return rows.map((row) => row.session_id).sort();
}

/** Sessions whose retry was asked for and not yet attempted. */
export async function pendingRetries(
  db: SqlExecutor,
  consumer: string,
  generation: number,
): Promise<string[]> {
  const rows = await db.query<{ session_id: string }>(
    `SELECT session_id FROM consumer_set_aside
     WHERE consumer = $1 AND generation = $2 AND retry_requested_at IS NOT NULL
     ORDER BY position`,
    [consumer, generation],
  );
  return rows.map((row) => row.session_id);
}

/** A retry that failed again: the session stays set aside, with the new error beside the first. */
export async function recordRetryFailure(
  db: SqlExecutor,
  consumer: string,
  generation: number,
  sessionId: string,
  error: unknown,
): Promise<void> {
  await db.query(
    `UPDATE consumer_set_aside SET retry_requested_at = NULL, retries = retries + 1,
       last_retry_at = now(), last_retry_error = $4
     WHERE consumer = $1 AND generation = $2 AND session_id = $3`,
    [consumer, generation, sessionId, cutMessage(errorMessageOf(error))],
  );
}

/** Set-aside sessions of the active generation whose context has these values (answers' `setAside`). */
export async function setAsideSessionsWhere(
  db: SqlExecutor,
  consumer: string,
  sql: { readonly where: string; readonly params: readonly unknown[] },
): Promise<string[]> {
  const rows = await db.query<{ session_id: string }>(
    `SELECT a.session_id FROM consumer_set_aside a
     JOIN consumer_state s ON s.consumer = a.consumer AND s.active_generation = a.generation
     WHERE a.consumer = $1 AND (${sql.where})
     ORDER BY a.session_id`,
    [consumer, ...sql.params],
  );
  return rows.map((row) => row.session_id);
}
