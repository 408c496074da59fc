import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  GetSessionHistoryQuery,
  GetSessionQuery,
  GetSessionStateQuery,
  type HistoryView,
  type SessionView,
  type StateView,
} from '@app/application';
import {
  PROBLEM_CONTENT_TYPE,
  problemType,
  RequestValidationError,
  type Caller,
  CurrentCaller,
} from '@app/platform';
import { actorOf, etagOf, pathOf, SessionIdParams } from '../http';
import { ApiContract, GET_SESSION, GET_SESSION_HISTORY, GET_SESSION_STATE } from '../openapi';
import { MinPositionDto, SessionStateQueryDto } from './dto';

/**
 * Reads of one session, straight from the event store (always current: `minPosition` is accepted
 * and needs no wait). Professionals see their own sessions only (another's: 404).
 */
@ApiTags('sessions')
@Controller('api/v1/sessions')
export class SessionQueriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiContract(GET_SESSION)
  async session(
    @Param() { id: sessionId }: SessionIdParams,
    @Query() _query: MinPositionDto,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const view = await this.queries.execute(new GetSessionQuery(sessionId, actorOf(caller)));
    void reply.header('etag', etagOf(view.version));
    return view;
  }

  @Get(':id/history')
  @ApiContract(GET_SESSION_HISTORY)
  async history(
    @Param() { id: sessionId }: SessionIdParams,
    @Query() _query: MinPositionDto,
    @CurrentCaller() caller: Caller,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HistoryView | Record<string, unknown>> {
    const view = await this.queries.execute(new GetSessionHistoryQuery(sessionId, actorOf(caller)));
    if (view.kind === 'history') return view;
    // 410 with the deletion record: a problem document extended with `deletion`.
    void reply.status(410).type(PROBLEM_CONTENT_TYPE);
    return {
      type: problemType('session-deleted'),
      title: 'Gone',
      status: 410,
      detail: `session ${sessionId} was deleted`,
      instance: pathOf(request),
      code: 'session-deleted',
      sessionId,
      deletion: view.deletion,
    };
  }

  @Get(':id/state')
  @ApiContract(GET_SESSION_STATE)
  async state(
    @Param() { id: sessionId }: SessionIdParams,
    @Query() query: SessionStateQueryDto,
    @CurrentCaller() caller: Caller,
  ): Promise<StateView> {
    if ((query.at === undefined) === (query.version === undefined)) {
      throw new RequestValidationError([
        { field: 'at', message: 'give exactly one of at and version' },
        { field: 'version', message: 'give exactly one of at and version' },
      ]);
    }
    const asOf = query.at !== undefined ? { at: query.at } : { version: Number(query.version) };
    return this.queries.execute(new GetSessionStateQuery(sessionId, asOf, actorOf(caller)));
  }
}
