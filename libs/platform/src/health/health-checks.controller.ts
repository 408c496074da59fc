import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { DEFAULT_CHECK_TIMEOUT_MS, type ReadinessCheck } from './readiness-check';
import { READINESS_CHECKS } from './health.tokens';
import { withDeadline } from './with-deadline';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * `/health/live` and `/health/ready`, without a token. Readiness answers terminus's JSON
 * (`status`, `info`, `error`, `details` per check) on 200 and on 503 alike: the 503 is written
 * here rather than thrown, so the problem filter does not replace the details an orchestrator's
 * operator needs with a generic problem.
 */
@Public()
@Controller('health')
export class HealthChecksController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: readonly ReadinessCheck[],
  ) {}

  /** The process answers; nothing else is asked, so a slow dependency never gets it restarted. */
  @Get('live')
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.checks.map((check) => () => this.run(check)));
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      void reply.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async run(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(check.name);
    try {
      const outcome = await withDeadline(
        check.check(),
        check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
        check.name,
      );
      return outcome.up ? indicator.up(outcome.details) : indicator.down(outcome.details);
    } catch (error) {
      return indicator.down({ message: messageOf(error) });
    }
  }
}
