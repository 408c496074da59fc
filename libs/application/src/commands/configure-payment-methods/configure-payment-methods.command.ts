import { Command } from '@nestjs/cqrs';
import type { ConfigureWorkstationPaymentMethodsData } from '@app/domain';
import type { CommandAnswer } from '../../answers/command-answer';
import type { CommandContext } from '../command-context';

/** 200 {professionalId, methods, version, position}. */
export class ConfigurePaymentMethodsCommand extends Command<CommandAnswer> {
  constructor(
    readonly input: ConfigureWorkstationPaymentMethodsData,
    readonly context: CommandContext,
  ) {
    super();
  }
}
