import type { AsOf, SessionHistoryAnswer, SessionStateAnswer } from '@app/read-models';

/** A log consumer's figures, as the admin endpoints answer them. */
export interface ConsumerRow {
  readonly name: string;
  readonly kind: 'projection' | 'publisher';
  readonly state: string;
  readonly position: string | null;
  readonly lagEvents: number;
  readonly lagEventsExact: boolean;
  readonly lagSeconds: number;
  readonly lastError: string | null;
}

export interface RebuildProgressRow {
  readonly eventsDone: number;
  readonly position?: string;
  readonly headPosition?: string;
  readonly eventsPerSecond: number;
  readonly secondsLeft?: number;
}

export interface RebuildDone {
  readonly projection: string;
  readonly eventsDone: number;
  readonly position?: string;
  readonly seconds: number;
}

/**
 * What the operator commands read and do, wherever the data is: the stores opened directly
 * (PostgreSQL, or an embedded folder no app holds) or the running app's HTTP API.
 */
export interface OperatorBackend {
  /** Said on stderr before any output: which way the command reached the data. */
  readonly description: string;
  history(sessionId: string): Promise<SessionHistoryAnswer>;
  state(sessionId: string, asOf: AsOf): Promise<SessionStateAnswer>;
  status(): Promise<readonly ConsumerRow[]>;
  projections(): Promise<readonly string[]>;
  rebuild(name: string, onProgress: (progress: RebuildProgressRow) => void): Promise<RebuildDone>;
  close(): Promise<void>;
}

/** The auditor's view: no private note, every session (the CLI is an operator's tool). */
export const CLI_VIEWER = { userId: 'cli', role: 'auditor' } as const;
