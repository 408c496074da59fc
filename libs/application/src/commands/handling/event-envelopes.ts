import { Inject, Injectable } from '@nestjs/common';
import { type Actor, type DomainEvent, eventDataToJson, schemaVersionOf } from '@app/domain';
import type { NewEvent } from '@app/event-store';
import { CLOCK, type Clock, ID_GENERATOR, type IdGenerator } from '@app/platform';

/**
 * Turns decided events into what the store appends, with docs/product.md's metadata: event id,
 * occurred-at, actor, correlation id (the request's), causation id (the command's), schema version.
 */
@Injectable()
export class EventEnvelopes {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** A fresh id for a command: the causation id of every event it writes. */
  commandId(): string {
    return this.ids.next();
  }

  /** `correlationId`: the request's; without one the command starts its own correlation. */
  wrap(
    events: readonly DomainEvent[],
    actor: Actor,
    ids: { readonly causationId: string; readonly correlationId: string | undefined },
    now: Date,
  ): NewEvent[] {
    const { causationId } = ids;
    const correlationId = ids.correlationId ?? causationId;
    return events.map((event) => ({
      eventId: this.ids.next(),
      type: event.type,
      schemaVersion: schemaVersionOf(event),
      data: eventDataToJson(event),
      metadata: {
        occurredAt: now.toISOString(),
        actor: { userId: actor.userId, role: actor.role },
        correlationId,
        causationId,
      },
    }));
  }

  now(): Date {
    return this.clock.now();
  }
}
