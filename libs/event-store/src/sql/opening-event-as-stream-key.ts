import type { Migration } from './apply-migrations';
import { TOMBSTONE_TYPE } from './tombstones';

/**
 * Migration 6: a stream is its opening event (version 0), and appends take no lock. Creating a
 * stream wrote two rows, its `streams` row and its first event: a new-stream append ran at about
 * 0.6 of a one-row INSERT (measured, 8 writers). An append to a stream took a share lock on that
 * row, so that a deletion would wait for it. Now a new stream writes one row, and a deletion
 * meets appends on the unique key `(stream_id, stream_version)` alone: it replaces the opening
 * event in place by a tombstone (which a no-stream append meets at version 0), and puts a fence,
 * another tombstone row, just after the last version it read (which an append that read the
 * stream before the deletion committed meets at its next version). A tombstone has schema
 * version 0, which no appended event can have, and no data; the stream's id stays taken for
 * ever, as with the `streams` row this replaces.
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
 * - exact version: inserts only if the stream's last event is at the expected version (a
 *   deletion's fence fails an append that read the stream before it, on the unique key).
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
        INSERT INTO ${s}.events
          (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        SELECT p_stream, v_base + t.o, (t.x->>'eventId')::uuid, t.x->>'type',
               (t.x->>'schemaVersion')::integer, t.x->'data', t.x->'metadata'
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o)
          WHERE p_expected < 0
             OR ((SELECT max(e.stream_version) FROM ${s}.events e
                  WHERE e.stream_id = p_stream) = p_expected
                 AND NOT EXISTS (SELECT 1 FROM ${s}.events opening
                   WHERE opening.stream_id = p_stream AND opening.stream_version = 0
                     AND opening.schema_version = 0))
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
 * Deletion at an expected version (NULL: any). First the opening row: the live opening event is
 * updated into the tombstone, or, for a stream that never existed, the tombstone is inserted
 * (which waits for a no-stream append inserting that row, and then finds it taken: the loop
 * updates it in a later statement). Then the fence, just after the last version read: an append
 * in flight at that version makes the insert wait for it, and once it committed the loop reads
 * the version again; an append after the fence fails on it. So when the fence is in, every event
 * below it is committed and no other can come: the version is checked ('conflict:<version>',
 * empty for none, rolls the caller's transaction back) and the events between the tombstone and
 * the fence are removed. A deletion therefore accounts for exactly the events it read
 * (docs/audit.md). A tombstone keeps nothing of the event it replaces but its place: a new event
 * id (the deleted event's may be used again, as before this migration), no data, no metadata,
 * the deletion's time.
 */
function deleteAtFunctionV6(s: string): string {
  const tombstoneColumns = `(stream_id, stream_version, event_id, type, schema_version, data, metadata)`;
  const tombstoneAt = (version: string): string =>
    `(p_stream, ${version}, gen_random_uuid(), '${TOMBSTONE_TYPE}', 0, '{}', '{}')`;
  return `CREATE OR REPLACE FUNCTION ${s}.delete_stream_at(p_stream text, p_expected bigint)
    RETURNS text
    LANGUAGE plpgsql AS $body$
    DECLARE
      v_version bigint;
    BEGIN
      LOOP
        UPDATE ${s}.events e
          SET type = '${TOMBSTONE_TYPE}', schema_version = 0, event_id = gen_random_uuid(),
              data = '{}', metadata = '{}', recorded_at = now()
          WHERE e.stream_id = p_stream AND e.stream_version = 0 AND e.schema_version > 0;
        EXIT WHEN FOUND;
        INSERT INTO ${s}.events ${tombstoneColumns} VALUES ${tombstoneAt('0')}
          ON CONFLICT (stream_id, stream_version) DO NOTHING;
        IF FOUND THEN
          -- Nothing was ever appended: the tombstone is the fence too.
          IF p_expected IS NOT NULL THEN
            RAISE EXCEPTION 'conflict:' USING ERRCODE = 'P0409';
          END IF;
          RETURN 'deleted';
        END IF;
        IF EXISTS (SELECT 1 FROM ${s}.events e
                   WHERE e.stream_id = p_stream AND e.stream_version = 0
                     AND e.schema_version = 0) THEN
          RETURN 'already-deleted';
        END IF;
      END LOOP;
      LOOP
        SELECT max(e.stream_version) INTO v_version FROM ${s}.events e WHERE e.stream_id = p_stream;
        INSERT INTO ${s}.events ${tombstoneColumns} VALUES ${tombstoneAt('v_version + 1')}
          ON CONFLICT (stream_id, stream_version) DO NOTHING;
        EXIT WHEN FOUND;
      END LOOP;
      IF p_expected IS NOT NULL AND v_version <> p_expected THEN
        RAISE EXCEPTION 'conflict:%', v_version USING ERRCODE = 'P0409';
      END IF;
      DELETE FROM ${s}.events e
        WHERE e.stream_id = p_stream AND e.stream_version > 0 AND e.stream_version <= v_version;
      RETURN 'deleted';
    END
    $body$`;
}
