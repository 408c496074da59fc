import { Body, Controller, Delete, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
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
  CommandDocs,
  CommandRunner,
  CurrentCommandCall,
  ok,
  SelfOnly,
  SessionIdParams,
} from '../http';
import { CancelSessionDto, ScheduleSessionDto } from './dto';
import { deletedAnswer, scheduledAnswer } from './session-command-answers';
import { CANCEL_EXAMPLES, SCHEDULE_EXAMPLES } from './session-examples';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('api/v1/sessions')
@Roles('professional')
export class SessionCommandsController {
  constructor(private readonly runner: CommandRunner) {}

  @Post()
  @SelfOnly('body')
  @ApiBody({ type: ScheduleSessionDto, examples: SCHEDULE_EXAMPLES })
  @ApiResponse({ status: 201, description: '{sessionId, version, position}; Location header' })
  @CommandDocs({ ifMatch: false })
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
  @ApiBody({ type: CancelSessionDto, examples: CANCEL_EXAMPLES })
  @ApiResponse({ status: 200, description: '{sessionId, version, position, events}' })
  @ApiResponse({ status: 404, description: "No such session, another professional's, or deleted" })
  @ApiResponse({ status: 410, description: 'A replay (with Idempotency-Key) on a deleted session' })
  @ApiResponse({ status: 412, description: 'If-Match is not the current version' })
  @CommandDocs({ ifMatch: true })
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
  @ApiResponse({
    status: 204,
    description: "Deleted; Position header = the deletion record's position",
  })
  @ApiResponse({
    status: 404,
    description: "No such session, another professional's, or already deleted",
  })
  @ApiResponse({ status: 412, description: 'If-Match is not the current version' })
  @ApiResponse({ status: 422, description: 'The session was charged' })
  @CommandDocs({ ifMatch: true })
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
