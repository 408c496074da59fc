import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ID_GENERATOR, type IdGenerator } from '@app/platform';
import { RebuildInProgressError } from '@app/read-models';
import {
  PROJECTION_ADMIN,
  type ProjectionAdmin,
  type RebuildOutcome,
  type RebuildProgressView,
} from './projection-admin';

export interface RebuildJob {
  readonly jobId: string;
  readonly projection: string;
  readonly state: 'running' | 'succeeded' | 'failed';
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly progress?: RebuildProgressView;
  readonly result?: RebuildOutcome;
  readonly error?: string;
}

/** Finished jobs kept for their GET; older ones are forgotten (this is a progress view, not a log). */
const KEPT_JOBS = 50;

/**
 * Rebuilds started over HTTP run in the background of this process; their progress is kept here
 * for GET. A second rebuild of a projection already rebuilding is refused at once (409).
 */
@Injectable()
export class RebuildJobs {
  private readonly logger = new Logger('RebuildJobs');
  private readonly jobs = new Map<string, RebuildJob>();

  constructor(
    @Inject(PROJECTION_ADMIN) private readonly admin: ProjectionAdmin,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  start(projection: string): RebuildJob {
    if (!this.admin.projections().includes(projection)) {
      throw new NotFoundException(
        `No projection named ${projection} (known: ${this.admin.projections().join(', ')})`,
      );
    }
    const running = [...this.jobs.values()].find(
      (job) => job.projection === projection && job.state === 'running',
    );
    if (running) {
      throw new ConflictException(
        `A rebuild of ${projection} is already running: ${running.jobId}`,
      );
    }
    const job: RebuildJob = {
      jobId: this.ids.next(),
      projection,
      state: 'running',
      startedAt: new Date().toISOString(),
    };
    this.remember(job);
    this.admin
      .rebuild(projection, (progress) => this.update(job.jobId, { progress }))
      .then(
        (result) => this.update(job.jobId, { state: 'succeeded', result, finishedAt: now() }),
        (error: unknown) => {
          const message =
            error instanceof RebuildInProgressError
              ? `another process is rebuilding ${projection}`
              : error instanceof Error
                ? error.message
                : String(error);
          this.logger.warn(`rebuild ${job.jobId} of ${projection} failed: ${message}`);
          this.update(job.jobId, { state: 'failed', error: message, finishedAt: now() });
        },
      );
    return job;
  }

  get(jobId: string): RebuildJob {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new NotFoundException(`No rebuild job ${jobId}`);
    return job;
  }

  private update(jobId: string, change: Partial<RebuildJob>): void {
    const job = this.jobs.get(jobId);
    if (job !== undefined) this.jobs.set(jobId, { ...job, ...change });
  }

  private remember(job: RebuildJob): void {
    this.jobs.set(job.jobId, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (old.state !== 'running') this.jobs.delete(id);
    }
  }
}

const now = (): string => new Date().toISOString();
