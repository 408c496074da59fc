import { APPEND_BY_KEY_PROBES } from './append-by-key-probes';
import { applyMigrations, type Migration } from './apply-migrations';
import { OPENING_EVENT_AS_STREAM_KEY } from './opening-event-as-stream-key';
import type { SqlDatabase } from './sql-executor';

/**
 * The event store schema, one migration per change, never edited once released: a new need is a
 * new migration. SQL stays within what PostgreSQL 15 (local server) and PGlite (PostgreSQL 18)
 * both run.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'streams and events',
    statements: (s) => [
      // A deleted stream keeps its row as a tombstone (version NULL, deleted true), so its id
      // can never be reused. Free space in each page lets version updates stay HOT (no index
      // write).
      `CREATE TABLE ${s}.streams (
        stream_id text PRIMARY KEY,
        version bigint,
        deleted boolean NOT NULL DEFAULT false,
        CONSTRAINT streams_version_unless_deleted CHECK (deleted OR version IS NOT NULL)
      ) WITH (fillfactor = 70)`,
      // transaction_id orders the log by transaction first: a reader only reads below the
      // oldest transaction still in flight, so no later commit can land behind its checkpoint.
      // The primary key is the log order itself, so readAll walks one index and an append
      // maintains three indexes, not four.
      `CREATE TABLE ${s}.events (
        global_sequence bigserial NOT NULL,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_version bigint NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_pkey PRIMARY KEY (transaction_id, global_sequence),
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
      )`,
    ],
  },
  {
    version: 2,
    name: 'append and delete functions',
    statements: (s) => [appendFunction(s), deleteFunction(s)],
  },
  {
    version: 3,
    name: 'versions from the events table, stream rows only at creation and deletion',
    statements: (s) => [
      // The current version is max(stream_version) of the stream's events (one backward probe of
      // the unique index): a second heap write per append only to keep a copy of it cost about a
      // third of the append rate. The row stays for existence (readStream, deletion lookups)
      // and for tombstones.
      `ALTER TABLE ${s}.streams DROP CONSTRAINT streams_version_unless_deleted`,
      `ALTER TABLE ${s}.streams DROP COLUMN version`,
      appendFunctionV3(s),
      deleteFunctionV3(s),
    ],
  },
  {
    version: 4,
    name: 'delete at an expected version',
    statements: (s) => [deleteAtFunction(s)],
  },
  {
    version: 5,
    name: 'append function without a notify channel',
    // The channel (migration 2) was always passed NULL: a NOTIFY inside the append serialises
    // every commit, so other processes are woken after the commit instead (PgNotifier). A process
    // of an older release still calls the four-argument function: upgrade them all together.
    statements: (s) => [
      `DROP FUNCTION ${s}.append_events(text, bigint, jsonb, text)`,
      appendFunctionV3(s, { notifyChannel: false }),
    ],
  },
  OPENING_EVENT_AS_STREAM_KEY,
  APPEND_BY_KEY_PROBES,
];

/** Brings the event store's `schema` up to the latest migration (applyMigrations). */
export function migrateEventStore(
  db: SqlDatabase,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  return applyMigrations(
    db,
    { schema, table: 'schema_migrations', versionColumn: 'id' },
    migrations,
  );
}

/**
 * delete_stream with an expected version (NULL: any): after the tombstone's row lock, which waits
 * for every append holding the row, the stream's last version must be the one the deleter read,
 * else nothing changes ('conflict:<version>', empty for none) and the caller's transaction rolls
 * back. A deletion then accounts for exactly the events it read (docs/audit.md).
 */
function deleteAtFunction(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.delete_stream_at(p_stream text, p_expected bigint)
    RETURNS text
    LANGUAGE plpgsql AS $body$
    DECLARE
      v_deleted boolean;
      v_version bigint;
    BEGIN
      INSERT INTO ${s}.streams AS st (stream_id, deleted) VALUES (p_stream, true)
        ON CONFLICT (stream_id) DO UPDATE SET deleted = true
        WHERE NOT st.deleted
        RETURNING st.deleted INTO v_deleted;
      IF v_deleted IS NULL THEN
        RETURN 'already-deleted';
      END IF;
      IF p_expected IS NOT NULL THEN
        SELECT max(e.stream_version) INTO v_version FROM ${s}.events e WHERE e.stream_id = p_stream;
        IF v_version IS DISTINCT FROM p_expected THEN
          RAISE EXCEPTION 'conflict:%', coalesce(v_version::text, '') USING ERRCODE = 'P0409';
        END IF;
      END IF;
      DELETE FROM ${s}.events e WHERE e.stream_id = p_stream;
      RETURN 'deleted';
    END
    $body$`;
}

/**
 * Migration 2's append (replaced by migration 3's, kept as released).
 * One round trip per append. The expected version is enforced by the database: a conditional
 * UPDATE (exact version), INSERT ... ON CONFLICT DO NOTHING (no-stream) or an upsert (any), each
 * taking the stream row's lock, so concurrent appenders queue on the row and all but one find the
 * version moved. Nothing is read first and written later.
 *
 * Only when nothing was written does the function look further, to say why: a tombstone, a retry
 * of an append already stored (same event ids in the same places: the original result), event
 * ids stored elsewhere, or a plain version conflict (with the actual version).
 *
 * p_expected: -2 any, -1 no-stream, otherwise the exact version.
 */
function appendFunction(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_events(
      p_stream text, p_expected bigint, p_events jsonb, p_channel text,
      OUT out_status text, OUT out_version bigint, OUT out_transaction_id text,
      OUT out_sequence bigint)
    LANGUAGE plpgsql AS $body$
    DECLARE
      v_count integer := jsonb_array_length(p_events);
      v_ids uuid[];
      v_version bigint;
      v_deleted boolean;
      v_first bigint;
      v_matching integer;
      v_sequence bigint;
    BEGIN
      -- With 'any' the version check cannot tell a retry from a new append: look for the ids
      -- first. Otherwise a retry finds the version moved and is recognised below, and an id
      -- stored elsewhere hits the unique key (the adapter reports it as a conflict).
      IF p_expected = -2 THEN
        SELECT array_agg((t.x->>'eventId')::uuid ORDER BY t.o) INTO v_ids
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o);
      END IF;

      IF p_expected <> -2
         OR NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (v_ids)) THEN
        IF p_expected = -2 THEN
          INSERT INTO ${s}.streams AS st (stream_id, version) VALUES (p_stream, v_count - 1)
            ON CONFLICT (stream_id) DO UPDATE SET version = st.version + v_count
            WHERE NOT st.deleted
            RETURNING st.version INTO v_version;
        ELSIF p_expected = -1 THEN
          INSERT INTO ${s}.streams AS st (stream_id, version) VALUES (p_stream, v_count - 1)
            ON CONFLICT (stream_id) DO NOTHING
            RETURNING st.version INTO v_version;
        ELSE
          UPDATE ${s}.streams AS st SET version = st.version + v_count
            WHERE st.stream_id = p_stream AND st.version = p_expected AND NOT st.deleted
            RETURNING st.version INTO v_version;
        END IF;

        IF v_version IS NOT NULL THEN
          INSERT INTO ${s}.events
            (stream_id, stream_version, event_id, type, schema_version, data, metadata)
          SELECT p_stream, v_version - v_count + t.o, (t.x->>'eventId')::uuid, t.x->>'type',
                 (t.x->>'schemaVersion')::integer, t.x->'data', t.x->'metadata'
            FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o)
            ORDER BY t.o;
          -- Rows take sequence values in insertion order, so the session's last value is the
          -- sequence of the batch's last event.
          v_sequence := currval('${s}.events_global_sequence_seq'::regclass);
          IF p_channel IS NOT NULL THEN
            PERFORM pg_notify(p_channel, '');
          END IF;
          out_status := 'ok';
          out_version := v_version;
          out_transaction_id := pg_current_xact_id()::text;
          out_sequence := v_sequence;
          RETURN;
        END IF;
      END IF;

      IF v_ids IS NULL THEN
        SELECT array_agg((t.x->>'eventId')::uuid ORDER BY t.o) INTO v_ids
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o);
      END IF;
      SELECT st.version, st.deleted INTO v_version, v_deleted
        FROM ${s}.streams st WHERE st.stream_id = p_stream;
      IF v_deleted THEN
        out_status := 'deleted';
        RETURN;
      END IF;

      SELECT e.stream_version INTO v_first
        FROM ${s}.events e WHERE e.event_id = v_ids[1] AND e.stream_id = p_stream;
      IF v_first IS NOT NULL AND (p_expected = -2 OR v_first = p_expected + 1) THEN
        SELECT count(*) INTO v_matching
          FROM unnest(v_ids) WITH ORDINALITY AS u(id, o)
          JOIN ${s}.events e ON e.event_id = u.id AND e.stream_id = p_stream
                             AND e.stream_version = v_first + u.o - 1;
        IF v_matching = v_count THEN
          out_status := 'idempotent';
          SELECT e.stream_version, e.transaction_id::text, e.global_sequence
            INTO out_version, out_transaction_id, out_sequence
            FROM ${s}.events e
            WHERE e.stream_id = p_stream AND e.stream_version = v_first + v_count - 1;
          RETURN;
        END IF;
      END IF;

      out_version := v_version;
      IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (v_ids)) THEN
        out_status := 'duplicate';
      ELSE
        out_status := 'conflict';
      END IF;
    END
    $body$`;
}

/**
 * Migration 2's delete (replaced by migration 3's, kept as released).
 * Tombstones the stream row first (taking its lock, so an append in flight either committed
 * before, and its rows are deleted by the next statement, or finds the tombstone), then deletes
 * the events. A stream that never existed is tombstoned too, so its id can never be used.
 */
function deleteFunction(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.delete_stream(p_stream text)
    RETURNS text
    LANGUAGE plpgsql AS $body$
    DECLARE
      v_deleted boolean;
    BEGIN
      INSERT INTO ${s}.streams AS st (stream_id, version, deleted) VALUES (p_stream, NULL, true)
        ON CONFLICT (stream_id) DO UPDATE SET version = NULL, deleted = true
        WHERE NOT st.deleted
        RETURNING st.deleted INTO v_deleted;
      IF v_deleted IS NULL THEN
        RETURN 'already-deleted';
      END IF;
      DELETE FROM ${s}.events e WHERE e.stream_id = p_stream;
      RETURN 'deleted';
    END
    $body$`;
}

/**
 * One heap row per event: the stream row is written only when the stream is created
 * (`no-stream`, or `any` on a new stream) and when it is deleted. The expected version is enforced
 * by the events table: an exact append of version N writes only while max(stream_version) is N,
 * and two such appends in flight at once both write version N + 1, so the unique key
 * (stream_id, stream_version) lets one through and fails the other (the adapter asks again and
 * gets the conflict). For an exact version the adapter runs the same SQL as one statement first
 * (statements.ts `appendExact`) and calls this function only when that wrote nothing.
 *
 * Deletion: an exact append takes a share lock on the live stream row and delete_stream updates
 * that row, so a delete waits for the appends in flight (and then deletes their events, in a
 * statement that reads after them), and an append that meets a committed delete re-reads the row,
 * finds the tombstone and writes nothing, even when its snapshot is older than the delete. A row
 * lock, not an advisory lock: the append is one statement with one snapshot, and only a locking
 * read sees past that snapshot. `no-stream` inserts the row (the unique key does the rest); `any`
 * locks the row exclusively, so it reads the version in a later statement and writes the next
 * one without a race.
 *
 * Only when nothing was written does the function look further, to say why: a tombstone, a retry
 * of an append already stored (same event ids in the same places: the original result), event
 * ids stored elsewhere, or a plain version conflict (with the actual version).
 *
 * p_expected: -2 any, -1 no-stream, otherwise the exact version. Migration 3 installed it with a
 * NOTIFY channel parameter (p_channel, never used); migration 5 replaces it with one without.
 */
function appendFunctionV3(s: string, { notifyChannel = true } = {}): string {
  const channelParameter = notifyChannel ? ' p_channel text,' : '';
  const notify = notifyChannel
    ? `
          IF p_channel IS NOT NULL THEN
            PERFORM pg_notify(p_channel, '');
          END IF;`
    : '';
  return `CREATE OR REPLACE FUNCTION ${s}.append_events(
      p_stream text, p_expected bigint, p_events jsonb,${channelParameter}
      OUT out_status text, OUT out_version bigint, OUT out_transaction_id text,
      OUT out_sequence bigint)
    LANGUAGE plpgsql AS $body$
    DECLARE
      v_count integer := jsonb_array_length(p_events);
      v_ids uuid[];
      v_base bigint := p_expected;
      v_deleted boolean;
      v_written bigint := 0;
      v_first bigint;
      v_matching integer;
    BEGIN
      IF p_expected = -2 THEN
        -- With 'any' the version check cannot tell a retry from a new append: look for the ids
        -- first. Otherwise a retry finds the version moved and is recognised below, and an id
        -- stored elsewhere hits the unique key (the adapter reports it as a conflict).
        SELECT array_agg((t.x->>'eventId')::uuid ORDER BY t.o) INTO v_ids
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o);
        IF NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (v_ids)) THEN
          INSERT INTO ${s}.streams (stream_id) VALUES (p_stream)
            ON CONFLICT (stream_id) DO NOTHING;
          GET DIAGNOSTICS v_written = ROW_COUNT;
          IF v_written = 1 THEN
            v_base := -1;
          ELSE
            SELECT st.deleted INTO v_deleted
              FROM ${s}.streams st WHERE st.stream_id = p_stream FOR UPDATE;
            IF NOT v_deleted THEN
              -- A new statement: it reads after every append that held the row before.
              SELECT coalesce(max(e.stream_version), -1) INTO v_base
                FROM ${s}.events e WHERE e.stream_id = p_stream;
              v_written := 1;
            END IF;
          END IF;
        END IF;
      ELSIF p_expected = -1 THEN
        INSERT INTO ${s}.streams (stream_id) VALUES (p_stream) ON CONFLICT (stream_id) DO NOTHING;
        GET DIAGNOSTICS v_written = ROW_COUNT;
      END IF;

      IF v_written = 1 OR p_expected >= 0 THEN
        WITH live AS (
          SELECT 1 FROM ${s}.streams st WHERE st.stream_id = p_stream AND NOT st.deleted
          FOR SHARE
        )
        INSERT INTO ${s}.events
          (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        SELECT p_stream, v_base + t.o, (t.x->>'eventId')::uuid, t.x->>'type',
               (t.x->>'schemaVersion')::integer, t.x->'data', t.x->'metadata'
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o)
          WHERE p_expected < 0
             OR (EXISTS (SELECT 1 FROM live)
                 AND (SELECT max(e.stream_version) FROM ${s}.events e
                      WHERE e.stream_id = p_stream) = p_expected)
          ORDER BY t.o;
        GET DIAGNOSTICS v_written = ROW_COUNT;
        IF v_written > 0 THEN${notify}
          out_status := 'ok';
          out_version := v_base + v_count;
          out_transaction_id := pg_current_xact_id()::text;
          -- Rows take sequence values in insertion order, so the session's last value is the
          -- sequence of the batch's last event.
          out_sequence := currval('${s}.events_global_sequence_seq'::regclass);
          RETURN;
        END IF;
      END IF;

      IF v_ids IS NULL THEN
        SELECT array_agg((t.x->>'eventId')::uuid ORDER BY t.o) INTO v_ids
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o);
      END IF;
      SELECT st.deleted INTO v_deleted FROM ${s}.streams st WHERE st.stream_id = p_stream;
      IF v_deleted THEN
        out_status := 'deleted';
        RETURN;
      END IF;

      SELECT e.stream_version INTO v_first
        FROM ${s}.events e WHERE e.event_id = v_ids[1] AND e.stream_id = p_stream;
      IF v_first IS NOT NULL AND (p_expected = -2 OR v_first = p_expected + 1) THEN
        SELECT count(*) INTO v_matching
          FROM unnest(v_ids) WITH ORDINALITY AS u(id, o)
          JOIN ${s}.events e ON e.event_id = u.id AND e.stream_id = p_stream
                             AND e.stream_version = v_first + u.o - 1;
        IF v_matching = v_count THEN
          out_status := 'idempotent';
          SELECT e.stream_version, e.transaction_id::text, e.global_sequence
            INTO out_version, out_transaction_id, out_sequence
            FROM ${s}.events e
            WHERE e.stream_id = p_stream AND e.stream_version = v_first + v_count - 1;
          RETURN;
        END IF;
      END IF;

      SELECT max(e.stream_version) INTO out_version FROM ${s}.events e WHERE e.stream_id = p_stream;
      IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (v_ids)) THEN
        out_status := 'duplicate';
      ELSE
        out_status := 'conflict';
      END IF;
    END
    $body$`;
}

/**
 * Tombstones the stream row first: that waits for the appends holding the row (their share or
 * exclusive lock, or the insert that creates it), and every append after it finds the tombstone.
 * Then it deletes the events in a new statement, which reads after those appends. A stream that
 * never existed is tombstoned too, so its id can never be used.
 */
function deleteFunctionV3(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.delete_stream(p_stream text)
    RETURNS text
    LANGUAGE plpgsql AS $body$
    DECLARE
      v_deleted boolean;
    BEGIN
      INSERT INTO ${s}.streams AS st (stream_id, deleted) VALUES (p_stream, true)
        ON CONFLICT (stream_id) DO UPDATE SET deleted = true
        WHERE NOT st.deleted
        RETURNING st.deleted INTO v_deleted;
      IF v_deleted IS NULL THEN
        RETURN 'already-deleted';
      END IF;
      DELETE FROM ${s}.events e WHERE e.stream_id = p_stream;
      RETURN 'deleted';
    END
    $body$`;
}
