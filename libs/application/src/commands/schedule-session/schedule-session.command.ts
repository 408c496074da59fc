import { Command } from '@nestjs/cqrs';
import type { ScheduleSessionData } from '@app/domain';
import type { CommandAnswer } from '../../answers/command-answer';
import type { CommandContext } from '../command-context';

export type ScheduleSessionInput = Omit<ScheduleSessionData, 'sessionId'> & {
  readonly sessionId?: string;
};

/** 201 {sessionId, version, position} with Location. */
export class ScheduleSessionCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: ScheduleSessionInput,
    readonly context: CommandContext,
  ) {
    super();
  }
}
