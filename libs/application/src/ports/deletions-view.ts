import type { DELETION_REASON } from '@app/domain';
import type { Position } from '@app/event-store';

export interface DeletionRecord {
  readonly sessionId: string;
  readonly professionalId: string;
  readonly deletedBy: { readonly userId: string; readonly role: string };
  readonly deletedAt: string;
  readonly reason: typeof DELETION_REASON;
  readonly position: Position;
}

/**
 * Not `ListDeletionsQuery`: that is the query the application's bus carries (with
 * `minPosition`), and both leave through the same entry.
 */
export interface DeletionsQuery {
  /** ISO instants; `from` inclusive, `to` exclusive, on deletedAt. */
  readonly from: string;
  readonly to: string;
  readonly professionalId?: string;
}

export interface DeletionsAnswer {
  readonly position: Position | undefined;
  readonly deletions: readonly DeletionRecord[];
}
