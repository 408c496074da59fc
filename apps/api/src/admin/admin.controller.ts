import { Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/platform';
import { type ConsumerView, PROJECTION_ADMIN, type ProjectionAdmin } from './projection-admin';
import { type RebuildJob, RebuildJobs } from './rebuild-jobs';

export const ADMIN_BASE = 'api/v1/admin';

/** Operations on the read side, for admins only (PRODUCT.md, "Operations"). */
@ApiTags('admin')
@Roles('admin')
@Controller(ADMIN_BASE)
export class AdminController {
  constructor(
    @Inject(PROJECTION_ADMIN) private readonly admin: ProjectionAdmin,
    private readonly jobs: RebuildJobs,
  ) {}

  /** Position, lag (events and seconds) and state of every projection and the publisher. */
  @Get('projections')
  async projections(): Promise<{ consumers: readonly ConsumerView[] }> {
    return { consumers: await this.admin.status() };
  }

  /** Starts a rebuild in the background: 202 with the job, Location = where its progress is. */
  @Post('projections/:name/rebuild')
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

  @Get('rebuilds/:jobId')
  rebuildProgress(@Param('jobId') jobId: string): RebuildJob {
    return this.jobs.get(jobId);
  }
}
