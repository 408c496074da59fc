import { randomUUID } from 'node:crypto';
import type { JsonValue } from '@app/event-store';
import { quoteIdentifier, type SqlDatabase, type SqlExecutor } from '@app/event-store/sql';
import type { IdempotencyClaim, IdempotencyOutcome } from './idempotency-claim';
import { IDEMPOTENCY_LEASE_MS, type IdempotencyScope } from './idempotency-scope';

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly claim: IdempotencyClaim }
  | { readonly kind: 'replay'; readonly outcome: IdempotencyOutcome }
  | { readonly kind: 'in-flight'; readonly leaseUntil: Date }
  | { readonly kind: 'reused' };

interface RecordRow {
  [column: string]: unknown;
  state: string;
  request_hash: string;
  outcome: string | null;
  lease_until: string | Date;
}

const KEY_CONDITION = 'caller = $1 AND method = $2 AND path = $3 AND idempotency_key = $4';

const scopeParams = (scope: IdempotencyScope): unknown[] => [
  scope.caller,
  scope.method,
  scope.path,
  scope.key,
];

/**
 * Idempotency records in the relational database. A claim commits at once (its own statement) so
 * parallel duplicates see it; completion runs on the executor it is given: the transaction of
 * the command's events where the event store is relational.
 */
export class IdempotencyStore {
  private readonly table: string;

  constructor(
    private readonly db: SqlDatabase,
    readonly schema: string,
  ) {
    this.table = `${quoteIdentifier(schema)}.idempotency_records`;
  }

  async claim(
    scope: IdempotencyScope,
    hash: string,
    sessionId: string | undefined,
    now: Date,
    attempt = 1,
  ): Promise<ClaimOutcome> {
    const token = randomUUID();
    const leaseUntil = new Date(now.getTime() + IDEMPOTENCY_LEASE_MS);
    // Inserts, or takes over a record whose holder let its lease expire; a completed record and
    // a live lease are left alone (no row returned).
    const claimed = await this.db.query<{ claim_token: string }>(
      `INSERT INTO ${this.table} AS r (caller, method, path, idempotency_key, request_hash,
         claim_token, state, lease_until, session_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'in-flight', $7, $8, $9)
       ON CONFLICT (caller, method, path, idempotency_key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, claim_token = EXCLUDED.claim_token,
             lease_until = EXCLUDED.lease_until, session_id = EXCLUDED.session_id,
             created_at = EXCLUDED.created_at
         WHERE r.state = 'in-flight' AND r.lease_until <= $9
       RETURNING claim_token`,
      [
        ...scopeParams(scope),
        hash,
        token,
        leaseUntil.toISOString(),
        sessionId ?? null,
        now.toISOString(),
      ],
    );
    if (claimed.length > 0) return { kind: 'claimed', claim: { scope, token } };
    const rows = await this.db.query<RecordRow>(
      `SELECT state, request_hash, outcome, lease_until FROM ${this.table}
       WHERE ${KEY_CONDITION}`,
      scopeParams(scope),
    );
    const row = rows[0];
    // Released between the two statements (its holder failed): the caller claims again.
    if (row === undefined) {
      if (attempt >= 3) return { kind: 'in-flight', leaseUntil };
      return this.claim(scope, hash, sessionId, now, attempt + 1);
    }
    if (row.state === 'in-flight' || row.outcome === null)
      return { kind: 'in-flight', leaseUntil: new Date(row.lease_until) };
    if (row.request_hash !== hash) return { kind: 'reused' };
    return { kind: 'replay', outcome: JSON.parse(row.outcome) as IdempotencyOutcome };
  }

  /**
   * Completes the record with its outcome; false when the lease was lost to a retry (the caller
   * must then roll its transaction back, so exactly one of them has an effect).
   */
  async complete(
    sql: SqlExecutor,
    claim: IdempotencyClaim,
    outcome: IdempotencyOutcome,
    sessionId: string | undefined,
    now: Date,
  ): Promise<boolean> {
    const rows = await sql.query(
      `UPDATE ${this.table}
         SET state = 'completed', outcome = $6, completed_at = $7,
             session_id = COALESCE($8, session_id)
       WHERE ${KEY_CONDITION} AND claim_token = $5
       RETURNING 1 AS done`,
      [
        ...scopeParams(claim.scope),
        claim.token,
        JSON.stringify(outcome),
        now.toISOString(),
        sessionId ?? null,
      ],
    );
    return rows.length > 0;
  }

  /** A refusal wrote nothing else: its record is completed on its own. */
  completeRefusal(claim: IdempotencyClaim, refusal: JsonValue, now: Date): Promise<boolean> {
    return this.complete(this.db, claim, { kind: 'refusal', refusal }, undefined, now);
  }

  /** Frees the key after a failure that says nothing about the request (5xx, 503, retries). */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.db.query(`DELETE FROM ${this.table} WHERE ${KEY_CONDITION} AND claim_token = $5`, [
      ...scopeParams(claim.scope),
      claim.token,
    ]);
  }

  /** A deleted session's records go too, except the delete's own (it holds no personal data). */
  async purgeSession(
    sql: SqlExecutor,
    sessionId: string,
    keep: IdempotencyScope | undefined,
  ): Promise<void> {
    if (keep === undefined) {
      await sql.query(`DELETE FROM ${this.table} WHERE session_id = $1`, [sessionId]);
      return;
    }
    await sql.query(
      `DELETE FROM ${this.table} WHERE session_id = $5
         AND NOT (${KEY_CONDITION})`,
      [...scopeParams(keep), sessionId],
    );
  }

  /** Records older than the cutoff, and leases long expired. */
  async purgeOlderThan(cutoff: Date): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM ${this.table} WHERE created_at < $1 RETURNING 1 AS gone`,
      [cutoff.toISOString()],
    );
    return rows.length;
  }
}
