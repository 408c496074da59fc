/** A log consumer as the admin endpoints show it: a read-model projection or the Kafka publisher. */
export interface ConsumerView {
  readonly name: string;
  readonly kind: 'projection' | 'publisher';
  /** running, standby, idle (not running in the answering process), live, retrying, ... */
  readonly state: string;
  readonly position: string | null;
  readonly lagEvents: number;
  /** False when the count stopped at its limit: at least that many. */
  readonly lagEventsExact: boolean;
  readonly lagSeconds: number;
  readonly lastError: string | null;
}

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
}

/**
 * What the admin endpoints need from the read side, bound by the composition under
 * PROJECTION_ADMIN (see readModelsProjectionAdmin for the usual binding).
 */
export interface ProjectionAdmin {
  status(): Promise<readonly ConsumerView[]>;
  /** Names a rebuild accepts. */
  projections(): readonly string[];
  /** Rejects with RebuildInProgressError when another process rebuilds it (the job fails, saying so). */
  rebuild(
    name: string,
    onProgress: (progress: RebuildProgressView) => void,
  ): Promise<RebuildOutcome>;
}

/** Injection token of the ProjectionAdmin the admin endpoints use. */
export const PROJECTION_ADMIN = Symbol('PROJECTION_ADMIN');
