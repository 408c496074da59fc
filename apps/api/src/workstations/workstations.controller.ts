import { Body, Controller, Headers, Param, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConfigurePaymentMethodsCommand } from '@app/application';
import type { JsonValue } from '@app/event-store';
import { type Caller, CurrentCaller, Roles } from '@app/platform';
import { actorOf, CommandDocs, CommandRunner, parseIfMatch, SelfOnly, sendAnswer } from '../http';
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
    @Param('professionalId') professionalId: string,
    @Body() dto: PaymentMethodsDto,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    const expectedVersion = parseIfMatch(ifMatch);
    const answer = await this.runner.run(
      { caller, request, idempotencyKey },
      (key) =>
        new ConfigurePaymentMethodsCommand(
          { professionalId, methods: dto.methods },
          {
            actor: actorOf(caller),
            ...(key ? { idempotency: key } : {}),
            ...(expectedVersion === undefined ? {} : { expectedVersion }),
          },
        ),
    );
    return sendAnswer(reply, answer);
  }
}
