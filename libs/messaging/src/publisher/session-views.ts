import { sessionStream } from '@app/domain';
import {
  StreamDeletedError,
  StreamNotFoundError,
  type EventStore,
  type RecordedEvent,
} from '@app/event-store';
import type { SessionEvent } from '@app/domain';
import {
  emptySessionView,
  evolveSessionView,
  sessionEventOf,
  type SessionView,
} from '../integration-events';

/**
 * The state of each session the publisher follows, for the state topic. Folded forward from a
 * bounded cache while events arrive in order; rebuilt from the session's stream when the cache
 * has no view just before the event (a restart from a checkpoint, an evicted entry, a retried batch).
 */
export class SessionViews {
  private readonly views = new Map<string, SessionView>();

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly maxEntries = 50_000,
  ) {}

  /**
   * The view after `event` with the event read strictly (MalformedEventError when it cannot be:
   * the core sets the session aside), or undefined when the session's stream is gone (deleted
   * meanwhile).
   */
  async after(
    sessionId: string,
    event: RecordedEvent,
  ): Promise<{ view: SessionView; event: SessionEvent | undefined } | undefined> {
    const domainEvent = sessionEventOf(event);
    const cached = this.views.get(sessionId);
    const before =
      cached !== undefined && cached.version === event.streamVersion - 1
        ? cached
        : await this.rebuild(sessionId, event.streamVersion);
    if (before === undefined) {
      this.views.delete(sessionId);
      return undefined;
    }
    const next = evolveSessionView(before, event, domainEvent);
    this.remember(sessionId, next);
    return { view: next, event: domainEvent };
  }

  forget(sessionId: string): void {
    this.views.delete(sessionId);
  }

  clear(): void {
    this.views.clear();
  }

  private remember(sessionId: string, view: SessionView): void {
    // Re-inserting moves the entry to the end: the first key is the least recently used.
    this.views.delete(sessionId);
    this.views.set(sessionId, view);
    if (this.views.size > this.maxEntries) {
      const oldest = this.views.keys().next().value;
      if (oldest !== undefined) this.views.delete(oldest);
    }
  }

  private async rebuild(
    sessionId: string,
    beforeVersion: number,
  ): Promise<SessionView | undefined> {
    if (beforeVersion === 0) return emptySessionView();
    try {
      const events = await this.store.readStream(sessionStream(sessionId), {
        fromVersion: 0,
        maxCount: beforeVersion,
      });
      return events.reduce((view, event) => evolveSessionView(view, event), emptySessionView());
    } catch (error) {
      if (error instanceof StreamDeletedError || error instanceof StreamNotFoundError)
        return undefined;
      throw error;
    }
  }
}
