import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ConsumerStatus, RetryReport } from '@app/consumers';
import { Roles } from '@app/platform';
import { PROJECTION_ADMIN, type ProjectionAdmin } from './projection-admin';
import { type RebuildJob, RebuildJobs } from './rebuild-jobs';
import {
  ApiContract,
  PROJECTION_STATUS,
  REBUILD_PROGRESS,
  REBUILD_PROJECTION,
  RETRY_SET_ASIDE,
} from '../openapi';
import { RetryRequestDto } from './retry-request.dto';

export const ADMIN_BASE = 'api/v1/admin';

/** Operations on the read side, for admins only. */
@ApiTags('admin')
@Roles('admin')
@Controller(ADMIN_BASE)
export class AdminController {
  constructor(
    @Inject(PROJECTION_ADMIN) private readonly admin: ProjectionAdmin,
    private readonly jobs: RebuildJobs,
  ) {}

  /**
   * State, position, lag, errors and set-aside sessions of every projection and of the
   * publisher (when configured), wherever they run.
   */
  @Get('projections')
  @ApiContract(PROJECTION_STATUS)
  async projections(): Promise<{ consumers: readonly ConsumerStatus[] }> {
    return { consumers: await this.admin.status() };
  }

  /** Starts a rebuild in the background: 202 with the job, Location = where its progress is. */
  @Post('projections/:name/rebuild')
  @ApiContract(REBUILD_PROJECTION)
  @HttpCode(202)
  rebuild(
    @Param('name') name: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): RebuildJob & { progressUrl: string } {
    const job = this.jobs.start(name);
    const progressUrl = `/${ADMIN_BASE}/rebuilds/${job.jobId}`;
    void reply.header('Location', progressUrl);
    return { ...job, progressUrl };
  }

  /**
   * Re-applies a consumer's set-aside sessions (the one named, or all) once their cause is
   * fixed, and answers what became of each: cleared (applied in order, or dropped because the
   * session was deleted), failed again (still set aside, with the error), or still pending.
   */
  @Post('projections/:name/retry')
  @ApiContract(RETRY_SET_ASIDE)
  @HttpCode(200)
  async retry(@Param('name') name: string, @Body() body: RetryRequestDto): Promise<RetryReport> {
    if (!this.admin.consumers().includes(name)) {
      throw new NotFoundException(
        `No consumer named ${name} (known: ${this.admin.consumers().join(', ')})`,
      );
    }
    const report = await this.admin.retry(name, body.sessionId);
    if (body.sessionId !== undefined && report.requested.length === 0) {
      throw new NotFoundException(`${name} has no set-aside session ${body.sessionId}`);
    }
    return report;
  }

  @Get('rebuilds/:jobId')
  @ApiContract(REBUILD_PROGRESS)
  rebuildProgress(@Param('jobId') jobId: string): RebuildJob {
    return this.jobs.get(jobId);
  }
}
