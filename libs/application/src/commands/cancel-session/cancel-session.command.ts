import { Command } from '@nestjs/cqrs';
import type { CancelSessionData } from '@app/domain';
import type { CommandAnswer } from '../../answers/command-answer';
import type { CommandContext } from '../command-context';

/** The request's part of CancelSessionData; the handler adds actor and enabled methods. */
export type CancelSessionInput = Omit<CancelSessionData, 'actor' | 'enabledMethods'>;

/** 200 {sessionId, version, position, events}. */
export class CancelSessionCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: CancelSessionInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
