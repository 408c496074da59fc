import { Body, Controller, Delete, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CancelSessionCommand,
  DeleteSessionCommand,
  ScheduleSessionCommand,
} from '@app/application';
import { Roles } from '@app/platform';
import type { JsonValue } from '@app/event-store';
import {
  type CommandCall,
  CommandRunner,
  CurrentCommandCall,
  ok,
  SelfOnly,
  SessionIdParams,
} from '../http';
import { CancelSessionDto, ScheduleSessionDto } from './dto';
import { ApiContract, CANCEL_SESSION, DELETE_SESSION, SCHEDULE_SESSION } from '../openapi';
import { deletedAnswer, scheduledAnswer } from './session-command-answers';

@ApiTags('sessions')
@Controller('api/v1/sessions')
@Roles('professional')
export class SessionCommandsController {
  constructor(private readonly runner: CommandRunner) {}

  @Post()
  @SelfOnly('body')
  @ApiContract(SCHEDULE_SESSION)
  async schedule(
    @Body() dto: ScheduleSessionDto,
    @CurrentCommandCall() call: CommandCall,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    return this.runner.run(call, reply, {
      sessionId: dto.sessionId || undefined,
      command: (request) =>
        new ScheduleSessionCommand(
          {
            ...(dto.sessionId === undefined ? {} : { sessionId: dto.sessionId }),
            professionalId: dto.professionalId,
            clientId: dto.clientId,
            startsAt: dto.startsAt,
            ...(dto.timeZone === undefined ? {} : { timeZone: dto.timeZone }),
            durationMinutes: dto.durationMinutes,
            fee: { amountMinor: dto.fee.amountMinor, currency: dto.fee.currency },
            payment:
              dto.payment.kind === 'sponsored-credits'
                ? { kind: 'sponsored-credits', credits: dto.payment.credits ?? 0 }
                : { kind: 'direct' },
          },
          request,
        ),
      answer: scheduledAnswer,
    });
  }

  @Post(':id/cancel')
  @ApiContract(CANCEL_SESSION)
  async cancel(
    @Param() { id: sessionId }: SessionIdParams,
    @Body() dto: CancelSessionDto,
    @CurrentCommandCall() call: CommandCall,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    return this.runner.run(call, reply, {
      sessionId,
      command: (request) =>
        new CancelSessionCommand(
          {
            sessionId,
            reason: dto.reason,
            ...(dto.note === undefined ? {} : { note: dto.note }),
            ...(dto.charge === undefined
              ? {}
              : {
                  charge: {
                    method: dto.charge.method,
                    ...(dto.charge.amountMinor === undefined
                      ? {}
                      : { amountMinor: dto.charge.amountMinor }),
                  },
                }),
            ...(dto.notifyClient === undefined ? {} : { notifyClient: dto.notifyClient }),
          },
          request,
        ),
      answer: ok,
    });
  }

  @Delete(':id')
  @ApiContract(DELETE_SESSION)
  async delete(
    @Param() { id: sessionId }: SessionIdParams,
    @CurrentCommandCall() call: CommandCall,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    return this.runner.run(call, reply, {
      sessionId,
      command: (request) => new DeleteSessionCommand(sessionId, request),
      answer: deletedAnswer,
    });
  }
}
