import { pause, TimeoutError, withTimeout } from '@app/event-store';
import { isConnectionFailure } from '@app/event-store/sql';
import { serviceAddress } from './service-address';
import { StartupError } from './startup-error';

/** How long a start waits for its databases and stores (the operating contract's 10 s). */
export const STARTUP_RETRY_MS = 10_000;
const FIRST_PAUSE_MS = 250;
const LONGEST_PAUSE_MS = 2_000;

/** SQLSTATE classes no retry can fix: the credentials (28) or the database name (3D) are wrong. */
const REFUSED_CLASSES = ['28', '3D'];

export interface StartupTarget {
  /** The variable the operator sets: DATABASE_URL, EVENTSTORE_URL. */
  readonly variable: string;
  /** What it is, for the line: 'PostgreSQL', 'EventStoreDB'. */
  readonly kind: string;
  readonly connectionString: string;
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The innermost message: the driver's own words (`connect ECONNREFUSED 127.0.0.1:5432`). */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current;
}

const describe = (error: unknown): string => {
  const root = rootCause(error);
  const message = root instanceof Error ? root.message : String(root);
  return message.trim() === '' ? (codeOf(root) ?? 'unknown error') : message;
};

/**
 * The start-up rule: a database or store that cannot be reached yet (it is starting beside us,
 * the network is not up) is tried again, with a growing pause, for up to STARTUP_RETRY_MS in
 * all; then the start fails with a StartupError naming the variable and the cause. Credentials
 * or a database name the server refuses fail at once (waiting cannot fix them); any other error
 * is a bug and is thrown as it is. After start, outages are the adapters' business (503s and
 * retries), not this one's.
 */
export class StartupRetry {
  private readonly deadline: number;
  private readonly announced = new Set<string>();

  constructor(
    private readonly notice: (line: string) => void = () => undefined,
    private readonly budgetMs = STARTUP_RETRY_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.deadline = now() + budgetMs;
  }

  /** Runs `open` until it succeeds, the budget is spent, or it fails for another reason. */
  async reach<T>(target: StartupTarget, open: () => Promise<T>): Promise<T> {
    const where = `${target.kind} at ${serviceAddress(target.connectionString)}`;
    const seconds = `${this.budgetMs / 1000} s`;
    let pauseMs = FIRST_PAUSE_MS;
    let cause = `no answer within ${seconds}`;
    for (;;) {
      const limitMs = Math.max(this.deadline - this.now(), 1);
      let failure: unknown;
      try {
        return await withTimeout(open(), limitMs, `no answer within ${limitMs} ms`);
      } catch (error) {
        failure = error;
      }
      const code = codeOf(rootCause(failure));
      if (code !== undefined && REFUSED_CLASSES.some((c) => code.startsWith(c))) {
        throw new StartupError(
          target.variable,
          `${where} refused the connection: ${describe(failure)}`,
        );
      }
      if (!(failure instanceof TimeoutError)) {
        if (!isConnectionFailure(failure)) throw failure;
        cause = describe(failure);
      }
      const left = this.deadline - this.now();
      if (left <= 0) {
        throw new StartupError(target.variable, `${where} unreachable for ${seconds}: ${cause}`);
      }
      if (!this.announced.has(target.variable)) {
        this.announced.add(target.variable);
        this.notice(
          `Waiting for ${target.variable} (${where}): ${cause}; retrying for up to ${seconds}`,
        );
      }
      await pause(Math.min(pauseMs, left));
      pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
    }
  }
}
