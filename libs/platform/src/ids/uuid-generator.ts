import { randomUUID } from 'node:crypto';
import type { IdGenerator } from './id-generator';

/** Random (version 4) UUIDs from the platform's CSPRNG. */
export class UuidGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}
