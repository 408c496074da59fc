import { chainEvents } from '@app/audit';
import type { NewEvent } from '@app/event-store';
import type { StreamAppend } from '../ports';

/**
 * The one place events get their hash chain (docs/audit.md, "Chain"): linked after the head the
 * command read, at the version it expects. `chain: false` only for the cost benchmark.
 */
export function chainedEvents(step: StreamAppend, chain = true): readonly NewEvent[] {
  if (!chain) return step.events;
  if (step.expectedVersion === 'any') {
    throw new RangeError(`Append to ${step.streamId}: a chained append needs an exact version`);
  }
  const version = step.expectedVersion === 'no-stream' ? -1 : step.expectedVersion;
  return chainEvents(step.streamId, { version, hash: step.headHash }, step.events);
}
