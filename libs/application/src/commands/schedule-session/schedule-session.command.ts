import { Command } from '@nestjs/cqrs';
import type { ScheduleSessionData } from '@app/domain';
import type { Position } from '@app/event-store';
import type { CommandRequest } from '../handling';

export type ScheduleSessionInput = Omit<ScheduleSessionData, 'sessionId'> & {
  readonly sessionId?: string;
};

export type ScheduleSessionResult = {
  readonly sessionId: string;
  readonly version: number;
  readonly position: Position;
};

export class ScheduleSessionCommand extends Command<ScheduleSessionResult> {
  constructor(
    readonly input: ScheduleSessionInput,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
