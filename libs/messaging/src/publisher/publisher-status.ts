import type { Position } from '@app/event-store';

export type PublisherPhase =
  | 'idle'
  /** Waiting for the lease another replica holds. */
  | 'standby'
  | 'starting'
  | 'catching-up'
  | 'live'
  /** The last attempt failed (broker or store unavailable); trying again after a backoff. */
  | 'retrying'
  | 'stopped';

export interface PublisherStatus {
  readonly name: string;
  readonly phase: PublisherPhase;
  readonly lease: string;
  /** The checkpoint: position of the last event the broker acknowledged (with its batch). */
  readonly position: Position | undefined;
  readonly lastBatch:
    | {
        readonly events: number;
        readonly messages: number;
        readonly at: string;
        readonly millis: number;
      }
    | undefined;
  readonly totals: {
    readonly events: number;
    readonly messages: number;
    readonly skippedDeleted: number;
    readonly skippedOther: number;
  };
  readonly errors: {
    readonly count: number;
    /** Failures since the last success; 0 when healthy. */
    readonly consecutive: number;
    readonly last: { readonly message: string; readonly at: string } | undefined;
  };
}

export interface PublisherLag {
  /** Events stored after the checkpoint, counted up to `cap`. */
  readonly events: number;
  readonly capped: boolean;
  /** Age of the oldest event not yet published; 0 when caught up. */
  readonly seconds: number;
}
