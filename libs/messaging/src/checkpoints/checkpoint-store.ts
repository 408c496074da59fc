import type { Position } from '@app/event-store';

/**
 * Where a publisher keeps the position of the last event the broker acknowledged. Saved only
 * after the acknowledgement: a crash in between re-sends that batch (at least once), never skips it.
 */
export interface CheckpointStore {
  load(name: string): Promise<Position | undefined>;
  save(name: string, position: Position): Promise<void>;
}

/** For unit tests and one-off runs: forgets everything with the process. */
export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, Position>();

  load(name: string): Promise<Position | undefined> {
    return Promise.resolve(this.positions.get(name));
  }

  save(name: string, position: Position): Promise<void> {
    this.positions.set(name, position);
    return Promise.resolve();
  }
}
