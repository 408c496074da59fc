import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import type { Readiness, ReadinessAnswer } from './readiness-check';
import { READINESS_CHECKS } from './health.tokens';
import { runReadiness } from './run-readiness';

/**
 * `/health/live` and `/health/ready`, without a token. Readiness answers
 * `{status: ok|degraded|down, checks: {name: {state, reason?, ...}}}`, with 503 exactly when the
 * status is `down`: written here rather than thrown, so the problem filter never replaces the
 * checks an orchestrator's operator needs with a generic problem.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthChecksController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: readonly Readiness[]) {}

  /** The process answers; nothing else is asked, so a slow dependency never gets it restarted. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessAnswer> {
    const answer = await runReadiness(this.checks);
    if (answer.status === 'down') void reply.status(503);
    return answer;
  }
}
