import type { ConsumerStatus, RetryReport } from '@app/consumers';

/** Where a rebuild is, as the read models report it (RebuildProgress). */
export interface RebuildProgressView {
  readonly eventsDone: number;
  readonly position: string | undefined;
  readonly headPosition: string | undefined;
  readonly eventsPerSecond: number;
  readonly secondsLeft: number | undefined;
}

export interface RebuildOutcome {
  readonly eventsDone: number;
  readonly position: string | undefined;
  readonly generation: number;
  readonly seconds: number;
  /** Sessions the new generation set aside. */
  readonly setAside: readonly string[];
}

/**
 * What the admin endpoints need from the read side, bound by the composition under
 * PROJECTION_ADMIN (see readModelsProjectionAdmin for the usual binding).
 */
export interface ProjectionAdmin {
  /** Every consumer of the log: the projections, and the publisher when configured. */
  status(): Promise<readonly ConsumerStatus[]>;
  /** Names a rebuild accepts. */
  projections(): readonly string[];
  /** Names a retry accepts (every consumer listed in the status). */
  consumers(): readonly string[];
  /** Rejects with RebuildInProgressError when another process rebuilds it (the job fails, saying so). */
  rebuild(
    name: string,
    onProgress: (progress: RebuildProgressView) => void,
  ): Promise<RebuildOutcome>;
  /** Re-applies set-aside sessions of a consumer (one, or all) and says what became of them. */
  retry(name: string, sessionId: string | undefined): Promise<RetryReport>;
}

/** Injection token of the ProjectionAdmin the admin endpoints use. */
export const PROJECTION_ADMIN = Symbol('PROJECTION_ADMIN');
