import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/** Where skipped suites leave their reasons, for the end-of-run summary. */
export const SKIP_DIR = join(__dirname, '..', '..', '.tmp', 'skips');

export interface SkipRecord {
  readonly suite: string;
  readonly reason: string;
}

export function clearSkipRecords(): void {
  rmSync(SKIP_DIR, { recursive: true, force: true });
}

export function recordSkip(record: SkipRecord): void {
  mkdirSync(SKIP_DIR, { recursive: true });
  // Same-named cases skip on several adapters for different reasons: one file per record.
  const file = `${record.suite.replace(/[^a-z0-9]+/gi, '_').slice(0, 100)}-${randomUUID()}.json`;
  writeFileSync(join(SKIP_DIR, file), JSON.stringify(record));
}

export function readSkipRecords(): SkipRecord[] {
  try {
    return readdirSync(SKIP_DIR).map(
      (file) => JSON.parse(readFileSync(join(SKIP_DIR, file), 'utf8')) as SkipRecord,
    );
  } catch {
    return [];
  }
}
