import type { Migration } from './apply-migrations';

/**
 * Migration 7: the append function looks events up one key at a time. Its statements are
 * planned once per connection and the plan is kept; one planned while the events table was
 * empty and never analysed (a new deployment; PGlite never analyses, nor does a PostgreSQL
 * without autovacuum) read `event_id = ANY (ids)` and the join of the ids with the events as
 * sequential scans of the whole log. Every 'any' append, and the explanation of every refused
 * append, then cost a read of every event: measured, 8 writers of 'any' appends to new streams
 * fell from 1,638 to 524 a second over the first 16,000 events (and the Kafka bench's seeding of
 * 100,000 to about 54 a second). An equality on a unique key is an index probe in any plan, so
 * the ids are probed one by one (a batch holds a few). Otherwise the function is migration 6's.
 */
export const APPEND_BY_KEY_PROBES: Migration = {
  version: 7,
  name: 'the append function probes event ids one by one',
  statements: (s) => [storedEventFunction(s), appendFunctionV7(s)],
};

/** Whether any of these event ids is stored (anywhere): one probe of the unique key an id. */
function storedEventFunction(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.any_event_stored(p_ids uuid[]) RETURNS boolean
    LANGUAGE plpgsql STABLE AS $body$
    DECLARE
      v_id uuid;
    BEGIN
      FOREACH v_id IN ARRAY p_ids LOOP
        IF EXISTS (SELECT 1 FROM ${s}.events e WHERE e.event_id = v_id) THEN
          RETURN true;
        END IF;
      END LOOP;
      RETURN false;
    END
    $body$`;
}

/**
 * Migration 6's append (opening-event-as-stream-key.ts says what each expected version does),
 * with its two `= ANY (ids)` lookups as any_event_stored and its retry check (the batch's ids at
 * consecutive versions) as one probe of (stream_id, stream_version) an event.
 */
function appendFunctionV7(s: string): string {
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
      v_retry boolean;
    BEGIN
      SELECT array_agg((t.x->>'eventId')::uuid ORDER BY t.o) INTO v_ids
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS t(x, o);
      IF p_expected = -1 THEN
        SELECT e.schema_version = 0 INTO v_tombstone
          FROM ${s}.events e WHERE e.stream_id = p_stream AND e.stream_version = 0;
        v_write := v_tombstone IS NULL;
      ELSIF p_expected = -2 AND NOT ${s}.any_event_stored(v_ids) THEN
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
        v_retry := true;
        FOR i IN 2 .. v_count LOOP
          v_retry := EXISTS (SELECT 1 FROM ${s}.events e
                             WHERE e.stream_id = p_stream AND e.stream_version = v_first + i - 1
                               AND e.event_id = v_ids[i]);
          EXIT WHEN NOT v_retry;
        END LOOP;
        IF v_retry THEN
          out_status := 'idempotent';
          SELECT e.stream_version, e.transaction_id::text, e.global_sequence
            INTO out_version, out_transaction_id, out_sequence
            FROM ${s}.events e
            WHERE e.stream_id = p_stream AND e.stream_version = v_first + v_count - 1;
          RETURN;
        END IF;
      END IF;

      SELECT max(e.stream_version) INTO out_version FROM ${s}.events e WHERE e.stream_id = p_stream;
      IF ${s}.any_event_stored(v_ids) THEN
        out_status := 'duplicate';
      ELSE
        out_status := 'conflict';
      END IF;
    END
    $body$`;
}
