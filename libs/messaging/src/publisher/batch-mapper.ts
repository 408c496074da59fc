import { readSessionEvent, sessionStreamOf } from '@app/domain';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { mapSessionDeleted, mapSessionEvent, type IntegrationMessage } from '../integration-events';
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

/**
 * Turns a batch of stored events, in order, into the records to send. Every session event is
 * read strictly: one that cannot be (MalformedEventError) fails the batch, and the consumer core
 * finds it and sets its session aside.
 */
export class BatchMapper {
  private readonly deletions: DeletionCheck;
  private readonly views: SessionViews;

  constructor(store: Pick<EventStore, 'readStream' | 'readStreams'>, lookup?: DeletionLookup) {
    this.deletions = new DeletionCheck(lookup ?? eventStoreDeletionLookup(store));
    this.views = new SessionViews(store);
  }

  /** After a failed send the cached views are ahead of the events read again: start afresh. */
  resetViews(): void {
    this.views.clear();
  }

  async map(batch: readonly RecordedEvent[]): Promise<MappedBatch> {
    const streams = batch.map((event) => sessionStreamOf(event.streamId, event.type));
    const sessionIds: string[] = [];
    for (const stream of streams) {
      // A deletion record in this very batch counts even when it comes after the session's events.
      if (stream?.kind === 'deletion') this.deletions.markDeleted(stream.sessionId);
      if (stream?.kind === 'session') sessionIds.push(stream.sessionId);
    }
    const deleted = await this.deletions.deletedAmong(sessionIds);

    const messages: IntegrationMessage[] = [];
    let skippedDeleted = 0;
    let skippedOther = 0;
    for (let i = 0; i < batch.length; i += 1) {
      const event = batch[i];
      const stream = streams[i];
      if (stream?.kind === 'deletion') {
        const read = readSessionEvent(event);
        if (read?.event.type === 'SessionDeleted') {
          messages.push(...mapSessionDeleted(event, read.event.data));
        } else skippedOther += 1;
        this.views.forget(stream.sessionId);
      } else if (stream?.kind === 'session') {
        if (deleted.has(stream.sessionId)) {
          skippedDeleted += 1;
          continue;
        }
        const after = await this.views.after(stream.sessionId, event);
        if (after === undefined) {
          this.deletions.markDeleted(stream.sessionId);
          skippedDeleted += 1;
          continue;
        }
        const mapped = mapSessionEvent(event, after.view, after.event);
        if (mapped.length === 0) skippedOther += 1;
        messages.push(...mapped);
      } else {
        skippedOther += 1;
      }
    }
    return { messages, skippedDeleted, skippedOther };
  }
}
