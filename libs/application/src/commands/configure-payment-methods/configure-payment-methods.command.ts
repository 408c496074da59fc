import { Command } from '@nestjs/cqrs';
import type { ConfigureWorkstationPaymentMethodsData, WorkstationPaymentMethod } from '@app/domain';
import type { Position } from '@app/event-store';
import type { CommandRequest } from '../handling';

export type ConfigurePaymentMethodsResult = {
  readonly professionalId: string;
  readonly methods: WorkstationPaymentMethod[];
  readonly version: number;
  readonly position: Position;
};

export class ConfigurePaymentMethodsCommand extends Command<ConfigurePaymentMethodsResult> {
  constructor(
    readonly input: ConfigureWorkstationPaymentMethodsData,
    readonly request: CommandRequest,
  ) {
    super();
  }
}
