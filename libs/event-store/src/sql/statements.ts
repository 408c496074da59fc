import { quoteIdentifier } from './identifiers';
import { NOT_TOMBSTONE, streamDeleted } from './tombstones';

/** Columns every event read selects, cast so that `pg` and PGlite return the same JS types. */
const EVENT_COLUMNS = `e.event_id::text AS event_id, e.type, e.stream_id,
  e.stream_version::text AS stream_version, e.transaction_id::text AS transaction_id,
  e.global_sequence::text AS global_sequence, e.schema_version, e.data, e.metadata,
  to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/**
 * Only transactions below the oldest one still in flight are final: nothing can commit behind
 * them any more. Reading below that line is what keeps a checkpoint from skipping an event that a
 * slower transaction commits later (sequence gaps, out-of-order commits).
 */
const SETTLED = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/** The SQL text of one schema's store, built once. */
export interface Statements {
  readonly append: string;
  readonly appendExact: string;
  readonly appendNewOne: string;
  readonly appendExactMany: string;
  readonly appendNewMany: string;
  readonly deleteStream: string;
  readonly streamState: string;
  readonly readStreamForwards: string;
  readonly readStreamBackwards: string;
  readonly readStreams: string;
  readonly readAll: string;
  readonly headPosition: string;
}

export function statementsFor(schema: string): Statements {
  const s = quoteIdentifier(schema);
  // One round trip for readStream: zero rows means no such stream; a row with deleted = true is
  // a tombstone; a row with NULL event columns is a stream with no event in the range asked.
  const readStream = (comparison: '>=' | '<=', order: 'ASC' | 'DESC'): string =>
    `SELECT opening.schema_version = 0 AS deleted, ev.* FROM ${s}.events opening
     LEFT JOIN LATERAL (
       SELECT ${EVENT_COLUMNS} FROM ${s}.events e
       WHERE e.stream_id = opening.stream_id AND e.stream_version ${comparison} $2
       ORDER BY e.stream_version ${order} LIMIT $3
     ) ev ON true
     WHERE opening.stream_id = $1 AND opening.stream_version = 0`;
  return {
    append: `SELECT out_status, out_version::text AS out_version, out_transaction_id,
               out_sequence::text AS out_sequence
             FROM ${s}.append_events($1, $2, $3::jsonb)`,
    // The hot path, a batch at an exact version (a cancel: its event and the notification
    // request), as one plain statement with the events' columns as parallel arrays rather than
    // the plpgsql function over a JSON batch (measured with pgbench, 8 writers: about a fifth
    // more appends per second for one event). It writes only if the stream's last row is at $2
    // and the stream is not deleted; otherwise it returns no row and the function says why. It
    // takes no lock: a deletion leaves a fence row just after the last version it read
    // (migration 6), so an append that read the stream before the deletion committed meets the
    // fence on the unique key (stream_id, stream_version), and the adapter then asks the
    // function. Rows take sequence values in insertion order (ORDER BY), so the last row's is
    // the batch's position. Ids, types and schema versions travel as text[] (both drivers
    // serialise those the same way) and are cast here; the events' data and metadata as one JSON
    // array each, zipped with them by ROWS FROM: as text[] elements, every JSON document was
    // escaped character by character by the driver (a batch of 32 events' parameters took three
    // to four times as long to build) and then parsed again by the server.
    appendExact: `WITH ins AS (
        INSERT INTO ${s}.events
          (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        SELECT $1, $2::bigint + b.ord, b.event_id::uuid, b.type, b.schema_version::integer,
               b.data, b.metadata
          FROM ROWS FROM (unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
                          jsonb_array_elements($6::jsonb), jsonb_array_elements($7::jsonb))
               WITH ORDINALITY AS b (event_id, type, schema_version, data, metadata, ord)
          WHERE (SELECT max(e.stream_version) FROM ${s}.events e WHERE e.stream_id = $1) = $2
            AND NOT ${streamDeleted(s, '$1')}
          ORDER BY b.ord
          RETURNING stream_version, transaction_id, global_sequence
      )
      SELECT stream_version::text AS out_version, transaction_id::text AS out_transaction_id,
             global_sequence::text AS out_sequence
        FROM ins ORDER BY stream_version DESC LIMIT 1`,
    // The other hot path, one event to a new stream ('no-stream': a schedule), likewise as one
    // statement and one row: the opening event is the stream's key (migration 6). A stream that
    // exists (a retry, a conflict) or its tombstone holds that key: no row is returned, and the
    // function says why. Only that key is an arbiter (each one costs a probe before the insert);
    // an id stored in another stream fails its unique key, which the adapter reports as a
    // conflict.
    appendNewOne: `INSERT INTO ${s}.events
        (stream_id, stream_version, event_id, type, schema_version, data, metadata)
      VALUES ($1, 0, $2::uuid, $3, $4::integer, $5::jsonb, $6::jsonb)
      ON CONFLICT (stream_id, stream_version) DO NOTHING
      RETURNING stream_version::text AS out_version, transaction_id::text AS out_transaction_id,
                global_sequence::text AS out_sequence`,
    // appendExact for several streams in one statement (StatementBatcher: concurrent commands'
    // appends as one write and one commit). Each append keeps its own version check; the ones
    // that fail it write nothing and return no row, the others commit together. The appends
    // ($1, $2) come sorted by stream id and their events ($3: the append's index, $4: 1-based
    // within it) in that order, so that two batches wait for each other's keys in one order
    // and cannot deadlock. Streams are distinct within a batch: the last row of each is its
    // position. The deletion check reads the opening row's schema version (a tombstone's is 0)
    // as a scalar subquery: as EXISTS, the planner made it a join over every stream's opening
    // row under a generic plan.
    appendExactMany: `WITH appends AS (
        SELECT a.stream_id, a.expected::bigint AS expected, a.ix
          FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS a (stream_id, expected, ix)
          WHERE (SELECT max(e.stream_version) FROM ${s}.events e WHERE e.stream_id = a.stream_id)
                = a.expected::bigint
            AND (SELECT t.schema_version FROM ${s}.events t
                  WHERE t.stream_id = a.stream_id AND t.stream_version = 0) > 0
      ), ins AS (
        INSERT INTO ${s}.events
          (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        SELECT a.stream_id, a.expected + b.nth::bigint, b.event_id::uuid, b.type,
               b.schema_version::integer, b.data, b.metadata
          FROM ROWS FROM (unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
                          unnest($6::text[]), unnest($7::text[]), jsonb_array_elements($8::jsonb),
                          jsonb_array_elements($9::jsonb))
               WITH ORDINALITY AS b (ix, nth, event_id, type, schema_version, data, metadata, ord)
          JOIN appends a ON a.ix = b.ix::bigint
          ORDER BY b.ord
          RETURNING stream_id, stream_version, transaction_id, global_sequence
      )
      SELECT DISTINCT ON (stream_id) stream_id, stream_version::text AS out_version,
             transaction_id::text AS out_transaction_id, global_sequence::text AS out_sequence
        FROM ins ORDER BY stream_id, stream_version DESC`,
    // appendNewOne for several new streams (sorted by id, distinct), likewise: a stream whose key
    // is taken returns no row and is asked about alone.
    appendNewMany: `INSERT INTO ${s}.events
        (stream_id, stream_version, event_id, type, schema_version, data, metadata)
      SELECT b.stream_id, 0, b.event_id::uuid, b.type, b.schema_version::integer, b.data,
             b.metadata
        FROM ROWS FROM (unnest($1::text[]), unnest($2::text[]), unnest($3::text[]),
                        unnest($4::text[]), jsonb_array_elements($5::jsonb),
                        jsonb_array_elements($6::jsonb))
             WITH ORDINALITY AS b (stream_id, event_id, type, schema_version, data, metadata, ord)
        ORDER BY b.ord
      ON CONFLICT (stream_id, stream_version) DO NOTHING
      RETURNING stream_id, stream_version::text AS out_version,
                transaction_id::text AS out_transaction_id, global_sequence::text AS out_sequence`,
    deleteStream: `SELECT ${s}.delete_stream_at($1, $2::bigint) AS outcome`,
    // The version is the stream's last event (a deleted stream has none: no-stream).
    streamState: `SELECT max(e.stream_version)::text AS version FROM ${s}.events e
      WHERE e.stream_id = $1 AND NOT ${streamDeleted(s, '$1')}`,
    readStreamForwards: readStream('>=', 'ASC'),
    readStreamBackwards: readStream('<=', 'DESC'),
    // Several whole streams in one statement (one snapshot): per id asked ($1, in its order),
    // no row means absent, a tombstone row deleted, else its events in order. The lookup is a
    // LATERAL subquery that cannot be flattened (OFFSET 0), so every plan probes the key once
    // per id asked. As a plain join, the plan a prepared statement keeps (made while the tables
    // were small or never analysed, and never remade on PGlite) hashed the ids and scanned a
    // whole table on every call: 0.65 ms a read at 16,000 streams on PostgreSQL, growing with it.
    readStreams: `SELECT ids.ord::integer AS ord, ev.*
      FROM unnest($1::text[]) WITH ORDINALITY AS ids (stream_id, ord)
      LEFT JOIN LATERAL (
        SELECT ${EVENT_COLUMNS} FROM ${s}.events e WHERE e.stream_id = ids.stream_id OFFSET 0
      ) ev ON true
      ORDER BY ids.ord, ev.stream_version::bigint`,
    readAll: `SELECT ${EVENT_COLUMNS} FROM ${s}.events e
      WHERE (e.transaction_id, e.global_sequence) > ($1::xid8, $2::bigint) AND ${SETTLED}
        AND ${NOT_TOMBSTONE}
      ORDER BY e.transaction_id, e.global_sequence
      LIMIT $3`,
    headPosition: `SELECT e.transaction_id::text AS transaction_id,
        e.global_sequence::text AS global_sequence
      FROM ${s}.events e WHERE ${SETTLED} AND ${NOT_TOMBSTONE}
      ORDER BY e.transaction_id DESC, e.global_sequence DESC LIMIT 1`,
  };
}
