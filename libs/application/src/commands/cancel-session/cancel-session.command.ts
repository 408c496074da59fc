import { Command } from '@nestjs/cqrs';
import type { CancelSessionData } from '@app/domain';
import type { JsonObject, Position } from '@app/event-store';
import type { CommandRequest } from '../handling';

/** The request's part of CancelSessionData; the handler adds actor and enabled methods. */
export type CancelSessionInput = Omit<CancelSessionData, 'actor' | 'enabledMethods'>;

/**
 * docs/product.md's cancel answer: the new version, the position, and the events written with
 * their stream versions. Only the owner cancels, so the note (reason `other`) stays in it.
 */
export type CancelSessionResult = {
  readonly sessionId: string;
  readonly version: number;
  readonly position: Position;
  readonly events: {
    readonly eventId: string;
    readonly type: string;
    readonly streamVersion: number;
    readonly schemaVersion: number;
    readonly data: JsonObject;
  }[];
};

export class CancelSessionCommand extends Command<CancelSessionResult> {
  constructor(
    readonly input: CancelSessionInput,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
