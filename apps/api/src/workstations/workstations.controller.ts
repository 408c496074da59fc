import { Body, Controller, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ConfigurePaymentMethodsCommand } from '@app/application';
import type { JsonValue } from '@app/event-store';
import { Roles } from '@app/platform';
import {
  type CommandCall,
  CommandDocs,
  CommandRunner,
  CurrentCommandCall,
  ok,
  ProfessionalIdParams,
  SelfOnly,
} from '../http';
import { PAYMENT_METHODS_EXAMPLES } from './payment-methods-examples';
import { PaymentMethodsDto } from './dto/payment-methods.dto';

@ApiTags('workstations')
@ApiBearerAuth()
@Controller('api/v1/workstations')
@Roles('professional')
export class WorkstationsController {
  constructor(private readonly runner: CommandRunner) {}

  @Put(':professionalId/payment-methods')
  @SelfOnly('params')
  @ApiBody({ type: PaymentMethodsDto, examples: PAYMENT_METHODS_EXAMPLES })
  @ApiResponse({ status: 200, description: '{professionalId, methods, version, position}' })
  @ApiResponse({ status: 412, description: "If-Match is not the workstation's version" })
  @CommandDocs({ ifMatch: true })
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
