import type { SqlExecutor } from '@app/event-store/sql';
import type { ProjectedEvent } from './projection-definition';

type FactKind = ProjectedEvent['fact']['kind'];

export interface FactAt<K extends FactKind> {
  readonly position: string;
  readonly fact: Extract<ProjectedEvent['fact'], { kind: K }>;
}

/**
 * The facts of one kind in a batch, in batch order. Projections run one set-based statement per
 * kind in lifecycle order, which within a session is event order.
 */
export function factsOfKind<K extends FactKind>(
  events: readonly ProjectedEvent[],
  kind: K,
): FactAt<K>[] {
  return events.flatMap(({ event, fact }) =>
    fact.kind === kind
      ? [{ position: event.position, fact: fact as Extract<ProjectedEvent['fact'], { kind: K }> }]
      : [],
  );
}

/** Idempotent: sets an absolute value and never moves a row's position back. */
export async function markNotificationRequested(
  tx: SqlExecutor,
  table: string,
  notified: readonly FactAt<'notification-requested'>[],
): Promise<void> {
  if (notified.length === 0) return;
  await tx.query(
    `UPDATE ${table} t SET notification_requested = true,
       position = greatest(t.position, u.position)
     FROM unnest($1::text[], $2::numeric[]) AS u(session_id, position)
     WHERE t.session_id = u.session_id`,
    [notified.map((e) => e.fact.sessionId), notified.map((e) => e.position)],
  );
}

/** A deleted session leaves no row behind in any projection (docs/product.md, "Delete"). */
export async function deleteSessionRows(
  tx: SqlExecutor,
  table: string,
  deleted: readonly FactAt<'deleted'>[],
): Promise<void> {
  if (deleted.length === 0) return;
  await tx.query(`DELETE FROM ${table} WHERE session_id = ANY($1::text[])`, [
    deleted.map((e) => e.fact.sessionId),
  ]);
}
