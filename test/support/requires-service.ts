import { recordSkip } from './skip-records';
import { workerVariable, type ServiceName } from './services';

export type ServiceAvailability =
  { available: true; url: string } | { available: false; reason: string };

export function serviceAvailability(service: ServiceName): ServiceAvailability {
  const value = process.env[workerVariable(service)];
  if (value === undefined) {
    return {
      available: false,
      reason: `${service} was not resolved: run through jest's int or e2e project`,
    };
  }
  if (value.startsWith('SKIP:')) return { available: false, reason: value.slice('SKIP:'.length) };
  return { available: true, url: value };
}

/**
 * A describe block that needs a service: runs when global setup found one, otherwise is skipped
 * (counted as skipped by jest) with its reason printed now and in the end-of-run summary.
 */
export function describeWithService(
  service: ServiceName,
  name: string,
  body: (url: string) => void,
): void {
  const availability = serviceAvailability(service);
  if (availability.available) {
    describe(name, () => body(availability.url));
    return;
  }
  const reason = availability.reason;
  process.stderr.write(`\n!!! SKIPPED "${name}": ${reason}\n`);
  recordSkip({ suite: name, reason });
  describe.skip(name, () => body('unavailable'));
}

/** A single test that cannot run on some adapter, for a reason that is printed, never silent. */
export function itUnless(
  skipReason: string | undefined,
  name: string,
  fn: () => Promise<void>,
  timeoutMs?: number,
): void {
  if (skipReason === undefined) {
    it(name, fn, timeoutMs);
    return;
  }
  process.stderr.write(`\n!!! SKIPPED "${name}": ${skipReason}\n`);
  recordSkip({ suite: name, reason: skipReason });
  it.skip(`${name} (skipped: ${skipReason})`, fn);
}
