import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ConfigurePaymentMethodsCommand } from '@app/application';
import type { JsonValue } from '@app/event-store';
import { Roles } from '@app/platform';
import {
  type CommandCall,
  CommandRunner,
  CurrentCommandCall,
  ok,
  ProfessionalIdParams,
  SelfOnly,
} from '../http';
import { ApiContract, CONFIGURE_PAYMENT_METHODS } from '../openapi';
import { PaymentMethodsDto } from './dto/payment-methods.dto';

@ApiTags('workstations')
@Controller('api/v1/workstations')
@Roles('professional')
export class WorkstationsController {
  constructor(private readonly runner: CommandRunner) {}

  @Put(':professionalId/payment-methods')
  @SelfOnly('params')
  @ApiContract(CONFIGURE_PAYMENT_METHODS)
  async configure(
    @Param() { professionalId }: ProfessionalIdParams,
    @Body() dto: PaymentMethodsDto,
    @CurrentCommandCall() call: CommandCall,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    return this.runner.run(call, reply, {
      command: (request) =>
        new ConfigurePaymentMethodsCommand({ professionalId, methods: dto.methods }, request),
      answer: ok,
    });
  }
}
