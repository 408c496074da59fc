import type { EventStore, RecordedEvent } from '@app/event-store';
import {
  mapSessionDeleted,
  mapSessionEvent,
  streamKind,
  type IntegrationMessage,
} from '../integration-events';
import { DeletionCheck } from './deletion-check';
import { eventStoreDeletionLookup, type DeletionLookup } from './deletion-lookup';
import { SessionViews } from './session-views';

export interface MappedBatch {
  readonly messages: IntegrationMessage[];
  /** Events of sessions that have a deletion record: never published. */
  readonly skippedDeleted: number;
  /** Events of other streams (workstations) and events the session state could not take. */
  readonly skippedOther: number;
}

/** Turns a batch of stored events, in order, into the records to send. */
export class BatchMapper {
  private readonly deletions: DeletionCheck;
  private readonly views: SessionViews;

  constructor(store: Pick<EventStore, 'readStream'>, lookup?: DeletionLookup) {
    this.deletions = new DeletionCheck(lookup ?? eventStoreDeletionLookup(store));
    this.views = new SessionViews(store);
  }

  /** After a failed send the cached views are ahead of the events read again: start afresh. */
  resetViews(): void {
    this.views.clear();
  }

  async map(batch: readonly RecordedEvent[]): Promise<MappedBatch> {
    const kinds = batch.map((event) => streamKind(event.streamId));
    const sessionIds: string[] = [];
    for (const kind of kinds) {
      // A deletion record in this very batch counts even when it comes after the session's events.
      if (kind.kind === 'deletion') this.deletions.markDeleted(kind.sessionId);
      if (kind.kind === 'session') sessionIds.push(kind.sessionId);
    }
    const deleted = await this.deletions.deletedAmong(sessionIds);

    const messages: IntegrationMessage[] = [];
    let skippedDeleted = 0;
    let skippedOther = 0;
    for (let i = 0; i < batch.length; i += 1) {
      const event = batch[i];
      const kind = kinds[i];
      if (kind.kind === 'deletion') {
        if (event.type === 'SessionDeleted') messages.push(...mapSessionDeleted(event));
        else skippedOther += 1;
        this.views.forget(kind.sessionId);
      } else if (kind.kind === 'session') {
        if (deleted.has(kind.sessionId)) {
          skippedDeleted += 1;
          continue;
        }
        const view = await this.views.after(kind.sessionId, event);
        if (view === undefined) {
          this.deletions.markDeleted(kind.sessionId);
          skippedDeleted += 1;
          continue;
        }
        const mapped = mapSessionEvent(event, view);
        if (mapped.length === 0) skippedOther += 1;
        messages.push(...mapped);
      } else {
        skippedOther += 1;
      }
    }
    return { messages, skippedDeleted, skippedOther };
  }
}
