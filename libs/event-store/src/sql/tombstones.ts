import type { EventRow } from './row-mapping';

/**
 * A deleted stream keeps tombstone rows in the events table (migration 6): one in its opening
 * event's place, one as the fence after its last version. They hold the stream's keys and are
 * never read as events.
 */

/**
 * The type a tombstone row carries, for whoever reads the table by hand. Migration 6 writes it:
 * never change it.
 */
export const TOMBSTONE_TYPE = '$tombstone';

/**
 * The condition every reader puts on `events e`: a tombstone has schema version 0, and
 * checkAppend refuses any event below 1, so no appended event can be taken for one.
 */
export const NOT_TOMBSTONE = 'e.schema_version > 0';

/** The same test on a row a statement returned. */
export const isTombstone = (row: EventRow): boolean => row.schema_version === 0;

/**
 * Whether a stream is deleted: its opening row is a tombstone (one probe of the unique key).
 * Checked beside an unfiltered max(stream_version), which is one backward probe of the same
 * index in every plan; with the tombstone filter inside it, the generic plan of a prepared
 * statement computed it over a bitmap scan of every event of the stream.
 */
export function streamDeleted(s: string, stream: string): string {
  return `EXISTS (SELECT 1 FROM ${s}.events t
    WHERE t.stream_id = ${stream} AND t.stream_version = 0 AND t.schema_version = 0)`;
}
