import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decideWorkstation, initialWorkstationState, workstationStream } from '@app/domain';
import { DecideAndAppend } from '../handling';
import {
  ConfigurePaymentMethodsCommand,
  type ConfigurePaymentMethodsResult,
} from './configure-payment-methods.command';

@CommandHandler(ConfigurePaymentMethodsCommand)
export class ConfigurePaymentMethodsHandler implements ICommandHandler<ConfigurePaymentMethodsCommand> {
  constructor(private readonly commands: DecideAndAppend) {}

  execute({
    input,
    request,
  }: ConfigurePaymentMethodsCommand): Promise<ConfigurePaymentMethodsResult> {
    const { professionalId } = input;
    return this.commands.run(
      {
        workstationOf: professionalId,
        currentVersion: ({ workstation }) => workstation?.version ?? -1,
        decide: ({ workstation }, now) => {
          const version = workstation?.version ?? -1;
          return {
            streamId: workstationStream(professionalId),
            // Every configuration replaces the last one: the decision needs no folded state.
            events: decideWorkstation(
              { type: 'ConfigureWorkstationPaymentMethods', data: input },
              initialWorkstationState(),
              now,
            ),
            expectedVersion: version === -1 ? 'no-stream' : version,
          };
        },
        result: ({ decided, appended }) => ({
          professionalId,
          methods: decided.flatMap((event) =>
            event.type === 'PaymentMethodsConfigured' ? [...event.data.methods] : [],
          ),
          version: appended.version,
          position: appended.position,
        }),
      },
      request,
    );
  }
}
