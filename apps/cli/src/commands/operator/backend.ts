import type {
  AsOf,
  SessionHistoryAnswer,
  SessionStateAnswer,
} from '@app/application/session-history';
import type { VerificationReport } from '@app/audit';
import type { ConsumerStatus, RetryReport } from '@app/consumers';

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
  /** Sessions the new generation set aside. */
  readonly setAside: readonly string[];
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
  /** Every consumer of the log, as the admin endpoint answers it. */
  status(): Promise<readonly ConsumerStatus[]>;
  projections(): Promise<readonly string[]>;
  rebuild(name: string, onProgress: (progress: RebuildProgressRow) => void): Promise<RebuildDone>;
  /** Re-applies a consumer's set-aside sessions (one, or all) and says what became of them. */
  retry(name: string, sessionId: string | undefined): Promise<RetryReport>;
  /** The session's verification (docs/audit.md); undefined when nothing of it exists. */
  verifySession(sessionId: string): Promise<VerificationReport | undefined>;
  /** The whole log's verification. */
  verifyLog(): Promise<VerificationReport>;
  /** The session's export as JSON Lines; undefined when nothing of it exists. */
  exportSession(sessionId: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The auditor's view: no private note, every session (the CLI is an operator's tool). */
export const CLI_VIEWER = { userId: 'cli', role: 'auditor' } as const;
