import { quoteIdentifier } from './identifiers';

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
    `SELECT st.deleted, ev.* FROM ${s}.streams st
     LEFT JOIN LATERAL (
       SELECT ${EVENT_COLUMNS} FROM ${s}.events e
       WHERE e.stream_id = st.stream_id AND e.stream_version ${comparison} $2
       ORDER BY e.stream_version ${order} LIMIT $3
     ) ev ON true
     WHERE st.stream_id = $1`;
  return {
    append: `SELECT out_status, out_version::text AS out_version, out_transaction_id,
               out_sequence::text AS out_sequence
             FROM ${s}.append_events($1, $2, $3::jsonb)`,
    // The hot path, a batch at an exact version (a cancel: its event and the notification
    // request), as one plain statement with the events' columns as parallel arrays rather than
    // the plpgsql function over a JSON batch (measured with pgbench, 8 writers: about a fifth
    // more appends per second for one event). It writes only while the stream is live (a
    // locking read: it sees a delete committed after its snapshot) and ends at $2; otherwise it
    // returns no row and the function says why. Rows take sequence values in insertion order
    // (ORDER BY), so the last row's is the batch's position. Arrays travel as text[] (both
    // drivers serialise those the same way) and are cast here. The function's exact case
    // (migration 5) is the same SQL over a JSON batch.
    appendExact: `WITH live AS (
        SELECT 1 FROM ${s}.streams st WHERE st.stream_id = $1 AND NOT st.deleted FOR SHARE
      ), ins AS (
        INSERT INTO ${s}.events
          (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        SELECT $1, $2::bigint + b.ord, b.event_id::uuid, b.type, b.schema_version::integer,
               b.data::jsonb, b.metadata::jsonb
          FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
               WITH ORDINALITY AS b (event_id, type, schema_version, data, metadata, ord)
          WHERE EXISTS (SELECT 1 FROM live)
            AND (SELECT max(e.stream_version) FROM ${s}.events e WHERE e.stream_id = $1) = $2
          ORDER BY b.ord
          RETURNING stream_version, transaction_id, global_sequence
      )
      SELECT stream_version::text AS out_version, transaction_id::text AS out_transaction_id,
             global_sequence::text AS out_sequence
        FROM ins ORDER BY stream_version DESC LIMIT 1`,
    // The other hot path, one event to a new stream ('no-stream': a schedule), likewise as one
    // statement: it writes only if it creates the stream row; a stream that exists (a retry, a
    // conflict, a tombstone) returns no row and the function says why.
    appendNewOne: `WITH stream AS (
        INSERT INTO ${s}.streams (stream_id) VALUES ($1) ON CONFLICT (stream_id) DO NOTHING
          RETURNING stream_id
      ), ins AS (
        INSERT INTO ${s}.events
          (stream_id, stream_version, event_id, type, schema_version, data, metadata)
        SELECT stream.stream_id, 0, $2::uuid, $3, $4::integer, $5::jsonb, $6::jsonb FROM stream
          RETURNING stream_version, transaction_id, global_sequence
      )
      SELECT stream_version::text AS out_version, transaction_id::text AS out_transaction_id,
             global_sequence::text AS out_sequence
        FROM ins`,
    deleteStream: `SELECT ${s}.delete_stream_at($1, $2::bigint) AS outcome`,
    // The version is the stream's last event (a deleted stream has none: no-stream).
    streamState: `SELECT max(e.stream_version)::text AS version FROM ${s}.events e
      WHERE e.stream_id = $1`,
    readStreamForwards: readStream('>=', 'ASC'),
    readStreamBackwards: readStream('<=', 'DESC'),
    // Several whole streams in one statement (one snapshot): per id asked ($1, in its order),
    // no streams row means absent, deleted = true a tombstone, else its events in order.
    // Each lookup is a LATERAL subquery that cannot be flattened (LIMIT, OFFSET 0), so every
    // plan probes the keys once per id asked. As a plain join, the plan a prepared statement
    // keeps (made while the tables were small or never analysed, and never remade on PGlite)
    // hashed the ids and scanned the whole streams table on every call: 0.65 ms a read at 16,000
    // streams on PostgreSQL, growing with the table.
    readStreams: `SELECT ids.ord::integer AS ord, st.deleted, ev.*
      FROM unnest($1::text[]) WITH ORDINALITY AS ids (stream_id, ord)
      LEFT JOIN LATERAL (
        SELECT known.stream_id, known.deleted FROM ${s}.streams known
          WHERE known.stream_id = ids.stream_id LIMIT 1
      ) st ON true
      LEFT JOIN LATERAL (
        SELECT ${EVENT_COLUMNS} FROM ${s}.events e WHERE e.stream_id = st.stream_id OFFSET 0
      ) ev ON true
      ORDER BY ids.ord, ev.stream_version::bigint`,
    readAll: `SELECT ${EVENT_COLUMNS} FROM ${s}.events e
      WHERE (e.transaction_id, e.global_sequence) > ($1::xid8, $2::bigint) AND ${SETTLED}
      ORDER BY e.transaction_id, e.global_sequence
      LIMIT $3`,
    headPosition: `SELECT e.transaction_id::text AS transaction_id,
        e.global_sequence::text AS global_sequence
      FROM ${s}.events e WHERE ${SETTLED}
      ORDER BY e.transaction_id DESC, e.global_sequence DESC LIMIT 1`,
  };
}
