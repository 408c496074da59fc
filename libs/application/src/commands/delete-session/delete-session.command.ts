import { Command } from '@nestjs/cqrs';
import type { CommandAnswer } from '../../answers/command-answer';
import type { CommandContext } from '../command-context';

/** 204 with the deletion record's position in the Position header. */
export class DeleteSessionCommand extends Command<CommandAnswer> {
  constructor(
    readonly sessionId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
