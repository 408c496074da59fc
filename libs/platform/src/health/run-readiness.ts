import { withTimeout } from '@app/event-store';
import {
  DEFAULT_CHECK_TIMEOUT_MS,
  type CheckOutcome,
  type Readiness,
  type ReadinessAnswer,
  type ReadinessCheckGroup,
} from './readiness-check';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

const isGroup = (readiness: Readiness): readiness is ReadinessCheckGroup => 'names' in readiness;

async function outcomes(readiness: Readiness): Promise<Array<[string, CheckOutcome]>> {
  const what = isGroup(readiness) ? readiness.names().join(', ') : readiness.name;
  try {
    // A probe must answer even when what it asks hangs.
    const ms = readiness.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    const found = await withTimeout<CheckOutcome | ReadonlyMap<string, CheckOutcome>>(
      readiness.check(),
      ms,
      `${what} did not answer within ${ms} ms`,
    );
    return isGroup(readiness)
      ? [...(found as ReadonlyMap<string, CheckOutcome>)]
      : [[readiness.name, found as CheckOutcome]];
  } catch (error) {
    const failed: CheckOutcome = { state: readiness.whenUnreachable, reason: messageOf(error) };
    return isGroup(readiness)
      ? readiness.names().map((name) => [name, failed])
      : [[readiness.name, failed]];
  }
}

/**
 * Runs every check at once and sums them up: `down` when any check is down (the only case
 * /health/ready answers 503), else `degraded` when any is, else `ok` (standby counts as up).
 */
export async function runReadiness(checks: readonly Readiness[]): Promise<ReadinessAnswer> {
  const all = (await Promise.all(checks.map(outcomes))).flat();
  const states = all.map(([, outcome]) => outcome.state);
  return {
    status: states.includes('down') ? 'down' : states.includes('degraded') ? 'degraded' : 'ok',
    checks: Object.fromEntries(
      all.map(([name, outcome]) => [
        name,
        {
          state: outcome.state,
          ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
          ...outcome.details,
        },
      ]),
    ),
  };
}
