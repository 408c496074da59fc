import type { DeletionLookup } from './deletion-lookup';

/**
 * Whether a session has a deletion record now (docs/product.md, "Delete": every consumer, from any
 * checkpoint, skips the events of such a session). A positive answer never changes, so it is
 * cached; a negative one may change with the next append, so it is asked again for every batch.
 */
export class DeletionCheck {
  private readonly deleted = new Set<string>();

  constructor(private readonly lookup: DeletionLookup) {}

  markDeleted(sessionId: string): void {
    this.deleted.add(sessionId);
  }

  /** The sessions among `sessionIds` that have a deletion record. */
  async deletedAmong(sessionIds: Iterable<string>): Promise<Set<string>> {
    const distinct = [...new Set(sessionIds)];
    const unknown = distinct.filter((id) => !this.deleted.has(id));
    for (const id of await this.lookup.deletedAmong(unknown)) this.deleted.add(id);
    return new Set(distinct.filter((id) => this.deleted.has(id)));
  }
}
