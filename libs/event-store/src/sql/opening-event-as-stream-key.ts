import type { Migration } from './apply-migrations';

/** The type a tombstone row carries, for whoever reads the table by hand. */
export const TOMBSTONE_TYPE = '$tombstone';

/**
 * The row every reader skips: a tombstone has schema version 0, and checkAppend refuses any
 * event below 1, so no appended event can be taken for one.
 */
export const NOT_TOMBSTONE = 'e.schema_version > 0';

/**
 * Migration 6: a stream is its opening event (version 0). Creating a stream wrote two rows, its
 * `streams` row and its first event, and a new-stream append ran at about 0.6 of a one-row
 * INSERT (measured, 8 writers). Now a new stream writes one row. The unique key
 * `(stream_id, stream_version)` on that opening row is what a no-stream append and a deletion
 * meet on, so a deletion replaces the opening event in place by a tombstone (the same key, a
 * schema version of 0, which no appended event can have, and no data) and removes the rest:
 * the stream's id stays taken for ever, as with the `streams` row it replaces.
 */
export const OPENING_EVENT_AS_STREAM_KEY: Migration = {
  version: 6,
  name: 'the opening event is the stream key, a deletion leaves a tombstone in its place',
  statements: (s) => [
    // The events of a deleted stream are gone already: its opening version is free.
    `INSERT INTO ${s}.events
       (stream_id, stream_version, event_id, type, schema_version, data, metadata)
     SELECT st.stream_id, 0, gen_random_uuid(), '${TOMBSTONE_TYPE}', 0, '{}', '{}'
       FROM ${s}.streams st WHERE st.deleted`,
    `DROP FUNCTION ${s}.delete_stream(text)`,
    appendFunctionV6(s),
    deleteAtFunctionV6(s),
    `DROP TABLE ${s}.streams`,
  ],
};

/**
 * The append for every batch the single statements (statements.ts) do not take, and the one
 * that says why those wrote nothing: a tombstone, a retry of a stored append (same ids in the
 * same places: the original result), ids stored elsewhere, or a conflict with the actual
 * version.
 *
 * - exact version: inserts only while the opening event is live (a share lock on it, which a
 *   deletion's update waits for) and the stream ends at the expected version.
 * - no-stream: inserts from version 0 if no opening row exists; one created meanwhile fails the
 *   unique key, and the adapter asks again.
 * - any: an exclusive lock on the opening event queues these appends, and each reads the version
 *   in a later statement, after the one before it committed. A new stream starts at 0.
 *
 * p_expected: -2 any, -1 no-stream, otherwise the exact version.
 */
function appendFunctionV6(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_events(
      p_stream text, p_expected bigint, p_events jsonb,
      OUT out_status text, OUT out_version bigint, OUT out_transaction_id text,
      OUT out_sequence bigint)
    LANGUAGE plpgsql AS $body$
    DECLARE
      v_count integer := jsonb_array_length(p_events);
      v_ids uuid[];
      v_base bigint := p_expected;
      v_tombstone boolean;
      v_write boolean := p_expected >= 0;
      v_written bigint := 0;
      v_first bigint;
      v_matching integer;
    BEGIN
      SELECT array_agg((t.x->>'eventId')::uuid ORDER BY t.o) INTO v_ids
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o);
      IF p_expected = -1 THEN
        SELECT e.schema_version = 0 INTO v_tombstone
          FROM ${s}.events e WHERE e.stream_id = p_stream AND e.stream_version = 0;
        v_write := v_tombstone IS NULL;
      ELSIF p_expected = -2
            AND NOT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = ANY (v_ids)) THEN
        -- With 'any' the version check cannot tell a retry from a new append: the ids are
        -- looked for first.
        SELECT e.schema_version = 0 INTO v_tombstone
          FROM ${s}.events e WHERE e.stream_id = p_stream AND e.stream_version = 0 FOR UPDATE;
        IF v_tombstone IS NULL THEN
          v_base := -1;
          v_write := true;
        ELSIF NOT v_tombstone THEN
          SELECT max(e.stream_version) INTO v_base FROM ${s}.events e WHERE e.stream_id = p_stream;
          v_write := true;
        END IF;
      END IF;

      IF v_write THEN
        WITH live AS (
          SELECT 1 FROM ${s}.events opening
            WHERE opening.stream_id = p_stream AND opening.stream_version = 0
              AND opening.schema_version > 0
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
        IF v_written > 0 THEN
          out_status := 'ok';
          out_version := v_base + v_count;
          out_transaction_id := pg_current_xact_id()::text;
          -- Rows take sequence values in insertion order, so the session's last value is the
          -- sequence of the batch's last event.
          out_sequence := currval('${s}.events_global_sequence_seq'::regclass);
          RETURN;
        END IF;
      END IF;

      SELECT e.schema_version = 0 INTO v_tombstone
        FROM ${s}.events e WHERE e.stream_id = p_stream AND e.stream_version = 0;
      IF v_tombstone THEN
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
 * Deletion at an expected version (NULL: any). It first takes the opening row: the live opening
 * event is updated into the tombstone (the update waits for every append holding its share
 * lock), or, for a stream that never existed, the tombstone is inserted (which waits for a
 * no-stream append inserting that row, and then finds it: the loop takes it in a later
 * statement). Only then, in later statements that read after those appends, it checks the
 * version ('conflict:<version>', empty for none, rolls the caller's transaction back) and
 * removes the other events. A deletion therefore accounts for exactly the events it read
 * (docs/audit.md). The tombstone keeps nothing of the event it replaces but its place: a new
 * event id (the deleted event's may be used again, as before this migration), no data, no
 * metadata, the deletion's time.
 */
function deleteAtFunctionV6(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.delete_stream_at(p_stream text, p_expected bigint)
    RETURNS text
    LANGUAGE plpgsql AS $body$
    DECLARE
      v_existed boolean;
      v_version bigint;
    BEGIN
      LOOP
        UPDATE ${s}.events e
          SET type = '${TOMBSTONE_TYPE}', schema_version = 0, event_id = gen_random_uuid(),
              data = '{}', metadata = '{}', recorded_at = now()
          WHERE e.stream_id = p_stream AND e.stream_version = 0 AND e.schema_version > 0;
        IF FOUND THEN
          v_existed := true;
          EXIT;
        END IF;
        INSERT INTO ${s}.events
          (stream_id, stream_version, event_id, type, schema_version, data, metadata)
          VALUES (p_stream, 0, gen_random_uuid(), '${TOMBSTONE_TYPE}', 0, '{}', '{}')
          ON CONFLICT (stream_id, stream_version) DO NOTHING;
        IF FOUND THEN
          v_existed := false;
          EXIT;
        END IF;
        IF EXISTS (SELECT 1 FROM ${s}.events e
                   WHERE e.stream_id = p_stream AND e.stream_version = 0
                     AND e.schema_version = 0) THEN
          RETURN 'already-deleted';
        END IF;
      END LOOP;
      IF p_expected IS NOT NULL THEN
        IF v_existed THEN
          SELECT max(e.stream_version) INTO v_version
            FROM ${s}.events e WHERE e.stream_id = p_stream;
        END IF;
        IF v_version IS DISTINCT FROM p_expected THEN
          RAISE EXCEPTION 'conflict:%', coalesce(v_version::text, '') USING ERRCODE = 'P0409';
        END IF;
      END IF;
      DELETE FROM ${s}.events e WHERE e.stream_id = p_stream AND e.stream_version > 0;
      RETURN 'deleted';
    END
    $body$`;
}
