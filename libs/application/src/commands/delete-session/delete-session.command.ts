import { Command } from '@nestjs/cqrs';
import type { Position } from '@app/event-store';
import type { CommandRequest } from '../handling';

/** The deletion record's position. */
export type DeleteSessionResult = { readonly sessionId: string; readonly position: Position };

export class DeleteSessionCommand extends Command<DeleteSessionResult> {
  constructor(
    readonly sessionId: string,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
