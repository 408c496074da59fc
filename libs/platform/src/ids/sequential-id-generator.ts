import type { IdGenerator } from './id-generator';

/**
 * For tests: well-formed UUIDs counting up from 1 (`00000000-0000-4000-8000-000000000001`), so
 * expected ids can be written down and still pass UUID validation.
 */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  next(): string {
    this.counter += 1;
    return `00000000-0000-4000-8000-${this.counter.toString(16).padStart(12, '0')}`;
  }
}
