import { Body, Controller, Delete, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CancelSessionCommand,
  DeleteSessionCommand,
  ScheduleSessionCommand,
} from '@app/application';
import { type Caller, CurrentCaller, Roles } from '@app/platform';
import type { JsonValue } from '@app/event-store';
import { actorOf, CommandDocs, CommandRunner, parseIfMatch, SelfOnly, sendAnswer } from '../http';
import { CancelSessionDto, ScheduleSessionDto } from './dto';
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
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    const answer = await this.runner.run(
      { caller, request, idempotencyKey, ...(dto.sessionId ? { sessionId: dto.sessionId } : {}) },
      (key) =>
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
          { actor: actorOf(caller), ...(key ? { idempotency: key } : {}) },
        ),
    );
    return sendAnswer(reply, answer);
  }

  @Post(':id/cancel')
  @ApiBody({ type: CancelSessionDto, examples: CANCEL_EXAMPLES })
  @ApiResponse({ status: 200, description: '{sessionId, version, position, events}' })
  @ApiResponse({ status: 404, description: "No such session, another professional's, or deleted" })
  @ApiResponse({ status: 410, description: 'A replay (with Idempotency-Key) on a deleted session' })
  @ApiResponse({ status: 412, description: 'If-Match is not the current version' })
  @CommandDocs({ ifMatch: true })
  async cancel(
    @Param('id') sessionId: string,
    @Body() dto: CancelSessionDto,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    const expectedVersion = parseIfMatch(ifMatch);
    const answer = await this.runner.run(
      { caller, request, idempotencyKey, sessionId },
      (key) =>
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
          {
            actor: actorOf(caller),
            ...(key ? { idempotency: key } : {}),
            ...(expectedVersion === undefined ? {} : { expectedVersion }),
          },
        ),
    );
    return sendAnswer(reply, answer);
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
    @Param('id') sessionId: string,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JsonValue | undefined> {
    const expectedVersion = parseIfMatch(ifMatch);
    const answer = await this.runner.run(
      { caller, request, idempotencyKey, sessionId },
      (key) =>
        new DeleteSessionCommand(sessionId, {
          actor: actorOf(caller),
          ...(key ? { idempotency: key } : {}),
          ...(expectedVersion === undefined ? {} : { expectedVersion }),
        }),
    );
    return sendAnswer(reply, answer);
  }
}
