import type { SchemaDatabase } from '@app/consumers';
import type { SqlExecutor } from '@app/event-store/sql';
import type { SealLeaf } from '../merkle/seal-leaf';

interface LeafRow {
  readonly position: string;
  readonly stream_id: string;
  readonly version: string;
  readonly hash: string;
  readonly seal_number: number | null;
  readonly leaf_index: number | null;
}

export interface IndexedLeaf {
  readonly leaf: SealLeaf;
  readonly sealNumber?: number;
  readonly leafIndex?: number;
}

const COLUMNS =
  'position::text AS position, stream_id, version::text AS version, hash, seal_number, leaf_index';

function toLeaf(row: LeafRow): IndexedLeaf {
  return {
    leaf: {
      position: row.position,
      streamId: row.stream_id,
      version: Number(row.version),
      hash: row.hash,
    },
    ...(row.seal_number === null ? {} : { sealNumber: row.seal_number }),
    ...(row.leaf_index === null ? {} : { leafIndex: row.leaf_index }),
  };
}

/** The sealer's index of leaves (audit-migrations.ts), in the consumer store's schema. */
export class LeafIndex {
  constructor(private readonly db: SchemaDatabase) {}

  private get table(): string {
    return `${this.db.schema}.audit_leaves`;
  }

  /** Adds leaves not yet sealed; a leaf seen again (a batch replayed) is kept as it was. */
  async addPending(tx: SqlExecutor, leaves: readonly SealLeaf[]): Promise<void> {
    if (leaves.length === 0) return;
    await tx.query(
      `INSERT INTO ${this.table} (position, stream_id, version, hash)
       SELECT p::numeric, s, v::bigint, h FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(p, s, v, h)
       ON CONFLICT (position) DO NOTHING`,
      [
        leaves.map((leaf) => leaf.position),
        leaves.map((leaf) => leaf.streamId),
        leaves.map((leaf) => String(leaf.version)),
        leaves.map((leaf) => leaf.hash),
      ],
    );
  }

  /** How many leaves wait for a seal, and how long the oldest has waited (ms). */
  async pendingSummary(): Promise<{ count: number; oldestAgeMs: number }> {
    const rows = await this.db.query<{ count: string; age_ms: string | null }>(
      `SELECT count(*)::text AS count,
              (extract(epoch FROM now() - min(seen_at)) * 1000)::text AS age_ms
         FROM ${this.table} WHERE seal_number IS NULL`,
    );
    return { count: Number(rows[0]?.count ?? 0), oldestAgeMs: Number(rows[0]?.age_ms ?? 0) };
  }

  /** The leaves waiting for a seal, in position order. */
  async pending(): Promise<SealLeaf[]> {
    const rows = await this.db.query<LeafRow>(
      `SELECT ${COLUMNS} FROM ${this.table} l WHERE l.seal_number IS NULL ORDER BY l.position`,
    );
    return rows.map((row) => toLeaf(row).leaf);
  }

  /** Gives the pending leaves up to `toPosition` to seal `sealNumber`, numbered in position order. */
  async assign(sealNumber: number, toPosition: string): Promise<void> {
    await this.db.query(
      `UPDATE ${this.table} l SET seal_number = $1, leaf_index = t.n - 1
         FROM (SELECT position, row_number() OVER (ORDER BY position) AS n
                 FROM ${this.table} WHERE seal_number IS NULL AND position <= $2::numeric) t
        WHERE l.position = t.position`,
      [sealNumber, toPosition],
    );
  }

  /** The sealed leaves of these streams. */
  async ofStreams(streamIds: readonly string[]): Promise<IndexedLeaf[]> {
    const rows = await this.db.query<LeafRow>(
      `SELECT ${COLUMNS} FROM ${this.table} l
        WHERE l.stream_id = ANY ($1::text[]) AND l.seal_number IS NOT NULL ORDER BY l.position`,
      [streamIds],
    );
    return rows.map(toLeaf);
  }

  /** Every leaf of one seal, in leaf order. */
  async ofSeal(sealNumber: number): Promise<SealLeaf[]> {
    const rows = await this.db.query<LeafRow>(
      `SELECT ${COLUMNS} FROM ${this.table} l WHERE l.seal_number = $1 ORDER BY l.leaf_index`,
      [sealNumber],
    );
    return rows.map((row) => toLeaf(row).leaf);
  }

  /** Every sealed leaf. */
  async sealed(): Promise<IndexedLeaf[]> {
    const rows = await this.db.query<LeafRow>(
      `SELECT ${COLUMNS} FROM ${this.table} l WHERE l.seal_number IS NOT NULL ORDER BY l.position`,
    );
    return rows.map(toLeaf);
  }
}
