import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import type { EventStore, Position, RecordedEvent } from '@app/event-store';
import { PgliteDatabase } from '@app/event-store/embedded';
import { createPgPool } from '@app/event-store/postgres';
import { loadConfig, ManualClock, type Role, signDevToken } from '@app/platform';
import { createApp } from '../../../apps/api/src/bootstrap/create-app';
import { STORES, type Stores } from '../../../apps/api/src/composition';
import { type ExchangeAnswer, type ExchangeRequest, OpenApiContract } from './openapi-contract';

export const TEST_JWT_SECRET = 'e2e-secret-that-is-at-least-32-bytes-long!';
/** Every e2e file pins the clock here; sessions are scheduled relative to it. */
export const NOW = '2026-06-15T10:00:00.000Z';

export type StoreKind =
  { kind: 'embedded' } | { kind: 'postgres'; url: string; schemaPrefix: string };

export interface Api {
  readonly app: NestFastifyApplication;
  readonly clock: ManualClock;
  readonly stores: Stores;
  token(role: Role, sub: string): Promise<string>;
  /**
   * Sends a request; throws when the answer departs from the served OpenAPI document (see
   * OpenApiContract), so every suite holds the document to the server.
   */
  request(options: ApiRequest): Promise<ApiResponse>;
  /** The same check, for a suite that sends its requests itself. */
  assertConforms(request: ExchangeRequest, answer: ExchangeAnswer): Promise<void>;
  headPosition(): Promise<Position | undefined>;
  /**
   * What the event store holds, read from its tables without the readers' visibility rule: the
   * count of event rows, the highest sequence ever stored, the streams and their tombstones. It
   * changes with every append or delete and with nothing else. (headPosition stays behind the
   * oldest transaction in flight anywhere on the server, so on a shared PostgreSQL it can move
   * between two reads with nothing written here.)
   */
  writeMark(): Promise<string>;
  /** Every event in the store, in global order. */
  allEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly as?: { role: Role; sub: string };
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is (a malformed JSON text). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** Skip the contract check: the answer is the subject of the test (a broken server, say). */
  readonly offContract?: boolean;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: unknown;
  readonly text: string;
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readAll(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ maxCount: 1000, ...(after ? { after } : {}) });
    events.push(...page);
    if (page.length < 1000) return events;
    after = page[page.length - 1]?.position;
  }
}

/**
 * One app per test file on the real Nest + Fastify stack, the clock pinned. Embedded: one
 * in-memory PGlite shared by every store. PostgreSQL: the file's own schemas.
 */
export async function startApi(
  store: StoreKind,
  options: {
    runProjector?: boolean;
    readYourWritesTimeoutMs?: number;
    /** More variables for loadConfig (LOG_LEVEL, NODE_ENV, METRICS_PORT, ...). */
    env?: Record<string, string>;
    /** Where the JSON log lines go (with a LOG_LEVEL in env). */
    logs?: DestinationStream;
  } = {},
): Promise<Api> {
  const clock = new ManualClock(NOW);
  const env: Record<string, string> = {
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...(store.kind === 'postgres'
      ? { EVENT_STORE: 'postgres', READ_MODEL_STORE: 'postgres', DATABASE_URL: store.url }
      : { EVENT_STORE: 'embedded', READ_MODEL_STORE: 'embedded' }),
    ...options.env,
  };
  const pglite = store.kind === 'embedded' ? await PgliteDatabase.open() : undefined;
  const prefix = store.kind === 'postgres' ? store.schemaPrefix : 'e2e';
  const app = await createApp({
    platform: {
      config: loadConfig(env),
      clock,
      ...(options.logs ? { logging: { destination: options.logs } } : {}),
    },
    stores: {
      ...(pglite ? { pglite } : {}),
      schemas: {
        eventStore: `${prefix}_events`,
        readModels: `${prefix}_read`,
      },
      runProjector: options.runProjector ?? false,
    },
    application: {
      idempotencySchema: `${prefix}_idem`,
      readYourWritesTimeoutMs: options.readYourWritesTimeoutMs ?? 5_000,
    },
  });
  const stores = app.get<Stores>(STORES);
  const schema = `${prefix}_events`;
  // A stream is its opening row (version 0); tombstones are rows of schema version 0.
  const markSql = `SELECT (SELECT count(*) FROM ${schema}.events)::text AS events,
      (SELECT coalesce(max(global_sequence), 0) FROM ${schema}.events)::text AS sequence,
      (SELECT count(*) FROM ${schema}.events WHERE stream_version = 0)::text AS streams,
      (SELECT count(*) FROM ${schema}.events WHERE schema_version = 0)::text AS tombstones`;
  const pool =
    store.kind === 'postgres'
      ? createPgPool({ connectionString: store.url, max: 1, onConnectionError: () => undefined })
      : undefined;
  type Mark = { events: string; sequence: string; streams: string; tombstones: string };
  const token = (role: Role, sub: string): Promise<string> =>
    signDevToken({ role, sub }, TEST_JWT_SECRET);
  let contract: Promise<OpenApiContract> | undefined;
  const assertConforms = async (
    request: ExchangeRequest,
    answer: ExchangeAnswer,
  ): Promise<void> => {
    contract ??= app
      .inject({ method: 'GET', url: '/api/docs-json' })
      .then((served) => new OpenApiContract(served.json<Record<string, unknown>>()));
    const violations = (await contract).violations(request, answer);
    if (violations.length > 0) {
      throw new Error(`The answer departs from the OpenAPI document:\n${violations.join('\n')}`);
    }
  };
  return {
    app,
    clock,
    stores,
    token,
    assertConforms,
    async request(req) {
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      const bearer = req.token ?? (req.as ? await token(req.as.role, req.as.sub) : undefined);
      if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
      let payload: string | undefined;
      if (req.rawBody !== undefined) payload = req.rawBody;
      else if (req.body !== undefined) payload = JSON.stringify(req.body);
      if (payload !== undefined && headers['content-type'] === undefined) {
        headers['content-type'] = 'application/json';
      }
      const response = await app.inject({
        method: req.method,
        url: req.url,
        headers,
        ...(payload !== undefined ? { payload } : {}),
      });
      let body: unknown = undefined;
      try {
        body = response.body === '' ? undefined : JSON.parse(response.body);
      } catch {
        body = undefined;
      }
      const answer = {
        status: response.statusCode,
        headers: response.headers,
        body,
        text: response.body,
      };
      if (req.offContract !== true) {
        const sent = req.rawBody === undefined ? req.body : parsedOrUndefined(req.rawBody);
        await assertConforms({ method: req.method, url: req.url, body: sent }, answer);
      }
      return answer;
    },
    headPosition: () => stores.eventStore.headPosition(),
    async writeMark() {
      const rows = pool
        ? (await pool.query<Mark>(markSql)).rows
        : await (pglite as PgliteDatabase).query<Mark>(markSql);
      const mark = rows[0];
      return `${mark?.events}:${mark?.sequence}:${mark?.streams}:${mark?.tombstones}`;
    },
    allEvents: () => readAll(stores.eventStore),
    async close() {
      await app.close();
      await pool?.end();
      await pglite?.close();
    },
  };
}
