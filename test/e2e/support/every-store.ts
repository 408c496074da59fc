import { randomBytes } from 'node:crypto';
import { createPgPool } from '@app/event-store/postgres';
import { describeWithService } from '@test/support/requires-service';
import { startApi, type Api } from './api-harness';

export interface SuiteOptions {
  /** Run the read models' projector in the app (queries with minPosition). */
  readonly runProjector?: boolean;
  readonly readYourWritesTimeoutMs?: number;
}

/** The store a suite runs on, for assertions that differ (none should). */
export type StoreName = 'embedded' | 'postgres';

async function dropSchemas(url: string, prefix: string): Promise<void> {
  const pool = createPgPool({ connectionString: url, max: 1, onConnectionError: () => undefined });
  try {
    for (const suffix of ['events', 'read', 'idem']) {
      await pool.query(`DROP SCHEMA IF EXISTS ${prefix}_${suffix} CASCADE`);
    }
  } finally {
    await pool.end();
  }
}

/**
 * The same suite on the embedded store (in-memory PGlite, always) and on PostgreSQL (when test
 * support resolved one; skipped with its reason otherwise), one app per store and file.
 */
export function describeOnEveryStore(
  title: string,
  body: (api: () => Api, store: StoreName) => void,
  options: SuiteOptions = {},
): void {
  describe(`${title} [embedded]`, () => {
    let api: Api | undefined;
    beforeAll(async () => {
      api = await startApi({ kind: 'embedded' }, options);
    });
    afterAll(async () => {
      await api?.close();
    });
    body(() => {
      if (api === undefined) throw new Error('the app did not start');
      return api;
    }, 'embedded');
  });

  describeWithService('postgres', `${title} [postgres]`, (url) => {
    const prefix = `e2e_${randomBytes(4).toString('hex')}`;
    let api: Api | undefined;
    beforeAll(async () => {
      api = await startApi({ kind: 'postgres', url, schemaPrefix: prefix }, options);
    });
    afterAll(async () => {
      await api?.close();
      await dropSchemas(url, prefix);
    });
    body(() => {
      if (api === undefined) throw new Error('the app did not start');
      return api;
    }, 'postgres');
  });
}
