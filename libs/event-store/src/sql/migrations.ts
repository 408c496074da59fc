export interface Migration {
  readonly id: number;
  readonly name: string;
  /** Statements to run, in order, in one transaction, for the schema `s` (already quoted). */
  statements(s: string): readonly string[];
}

/**
 * The event store schema, one migration per change, never edited once released: a new need is a
 * new migration. SQL stays within what PostgreSQL 15 (local server) and PGlite (PostgreSQL 18)
 * both run.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
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
    id: 2,
    name: 'append and delete functions',
    statements: (s) => [appendFunction(s), deleteFunction(s)],
  },
];

/**
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
