import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import {
  comparePositions,
  pause,
  type Position,
  type RecordedEvent,
  withTimeout,
} from '@app/event-store';
import { createPostgresEventStore, type PostgresEventStore } from '@app/event-store/postgres';
import { header, readUntil } from '@app/messaging/testing';
import { describeWithService, itUnless, serviceAvailability } from '@test/support/requires-service';
import { checkAcknowledgedWrites, expectAllKept } from './acknowledged-writes';
import { type AppProcess, freePort, startApp, waitForReady } from './app-process';
import {
  CommandLoad,
  type CommandRecord,
  firstLoadDay,
  is2xx,
  professionalsWithCards,
  reasonOf,
} from './command-load';
import { buildImageTree } from './image-tree';
import { composeEnvironment, createScratchDatabase, type ScratchDatabase } from './local-stack';

jest.setTimeout(120_000);

/** 8 clients x 30 sessions, two in three cancelled: 400 commands at most. */
const CLIENTS = 8;
const SESSIONS_PER_CLIENT = 30;
const PROFESSIONALS = 4;
const PLANNED_COMMANDS =
  CLIENTS * SESSIONS_PER_CLIENT + CLIENTS * Math.ceil((SESSIONS_PER_CLIENT * 2) / 3);
/** SIGTERM once this many commands were answered 2xx: the middle of the load. */
const SIGNAL_AFTER_2XX = 180;
/** Both processes must be gone this long after the signal (compose gives them 30 s). */
const EXIT_BOUND_MS = 20_000;
const REQUEST_TIMEOUT_MS = 15_000;
const CATCH_UP_TIMEOUT_MS = 30_000;
const KAFKA_TIMEOUT_MS = 30_000;
/** The contract's topics (docs/product.md "Kafka"): the apps always publish under these names. */
const KAFKA_TOPICS = ['sessions.lifecycle.v1', 'sessions.notifications.v1'];

interface LoadOutcome {
  readonly commands: readonly CommandRecord[];
  /** Every session the store holds after the restart, by id, with its events. */
  readonly stored: ReadonlyMap<string, readonly RecordedEvent[]>;
}

/**
 * The SIGTERM test: the api and the projector run as the image runs them (child
 * processes, PostgreSQL event store and read models in a database of their own, Kafka when
 * resolved). SIGTERM reaches both in the middle of a concurrent load; after they exit 0 and
 * start again, nothing answered 2xx may be missing from the store, the read models or Kafka.
 */
describeWithService('postgres', 'SIGTERM in the middle of a load', (url) => {
  const kafka = serviceAvailability('kafka');
  const secret = randomBytes(32).toString('hex');
  let tree = '';
  let database: ScratchDatabase | undefined;
  let store: PostgresEventStore | undefined;
  let apiEnv: Record<string, string> = {};
  let projectorEnv: Record<string, string> = {};
  const started: AppProcess[] = [];
  let api: AppProcess | undefined;
  let projector: AppProcess | undefined;
  let outcome: LoadOutcome | undefined;

  const apiBase = () => `http://127.0.0.1:${apiEnv.PORT}`;
  const projectorBase = () => `http://127.0.0.1:${projectorEnv.PORT}`;

  /** Starts both apps and waits until they answer ready. */
  const startBoth = async (): Promise<void> => {
    api = startApp('api', tree, apiEnv);
    projector = startApp('projector', tree, projectorEnv);
    started.push(api, projector);
    await waitForReady(api, `${apiBase()}/health/ready`);
    await waitForReady(projector, `${projectorBase()}/health/ready`);
  };

  const outputs = (): string =>
    started.map((app) => `--- ${app.name} (pid ${app.child.pid}):\n${app.output()}`).join('\n');

  beforeAll(async () => {
    tree = buildImageTree('sigterm');
    database = await createScratchDatabase(url, `ops_sigterm_${process.pid}`);
    // A secret of this run's own: the tokens below are signed with it.
    const local = { databaseUrl: database.url, kafka, extra: { JWT_SECRET: secret } };
    apiEnv = composeEnvironment('api', {
      ...local,
      port: await freePort(),
      metricsPort: await freePort(),
    });
    projectorEnv = composeEnvironment('projector', {
      ...local,
      port: await freePort(),
      // The projector logs its shutdown steps at info: they explain a failure.
      extra: { ...local.extra, LOG_LEVEL: 'info' },
    });
    await startBoth();
    store = await createPostgresEventStore({
      connectionString: database.url,
      applicationName: 'sigterm-test',
      // The api migrated the schema; this reader only reads and needs no wake-ups.
      migrate: false,
      listen: false,
      notify: 'off',
    });
  });

  afterAll(async () => {
    for (const app of started) await app.stop();
    await store?.close();
    await database?.drop();
    if (tree !== '') rmSync(tree, { recursive: true, force: true });
  });

  const readReady = async (): Promise<Record<string, unknown>> => {
    const response = await fetch(`${projectorBase()}/health/ready`, {
      signal: AbortSignal.timeout(5_000),
    });
    // 200 and 503 carry the same checks (HealthChecksController).
    return (await response.json()) as Record<string, unknown>;
  };

  /** The positions of each consumer of the log the projector reports (projections, publisher). */
  const consumerPositions = (ready: Record<string, unknown>): Map<string, string | null> => {
    const positions = new Map<string, string | null>();
    const checks = (ready.checks ?? {}) as Record<
      string,
      { kind?: string; position?: string | null }
    >;
    for (const [name, check] of Object.entries(checks)) {
      if (!name.startsWith('consumer:')) continue;
      positions.set(`${check.kind ?? 'unknown'}/${name}`, check.position ?? null);
    }
    return positions;
  };

  /** Polls the projector's readiness until every consumer of the log has reached `head`. */
  const waitForCatchUp = async (head: Position): Promise<void> => {
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    let last = new Map<string, string | null>();
    while (Date.now() < deadline) {
      try {
        last = consumerPositions(await readReady());
      } catch {
        // a poll that failed is retried until the deadline
      }
      const expected = kafka.available ? 2 : 1;
      const kinds = new Set([...last.keys()].map((key) => key.split('/')[0]));
      const reached = [...last.values()].every(
        (position) => position !== null && comparePositions(position, head) >= 0,
      );
      if (kinds.size === expected && reached) return;
      await pause(200);
    }
    throw new Error(
      `consumers did not reach the head ${head} within ${CATCH_UP_TIMEOUT_MS} ms: ${JSON.stringify([...last])}\n${outputs()}`,
    );
  };

  it('answers 2xx only for what it keeps: store and read models hold every such command after SIGTERM and restart', async () => {
    const professionals = await professionalsWithCards(
      apiBase(),
      secret,
      'sigterm-pro',
      PROFESSIONALS,
    );
    const firstDay = firstLoadDay();
    let answered2xx = 0;
    let signalledAt: number | undefined;
    let exits: Promise<Array<number | string>> | undefined;
    let inFlightAtSignal = 0;

    const load: CommandLoad = new CommandLoad({
      apiBase: apiBase(),
      professionals,
      firstDay,
      clients: CLIENTS,
      sessionsPerClient: SESSIONS_PER_CLIENT,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      onAnswer: (record) => {
        if (is2xx(record)) answered2xx += 1;
        if (signalledAt === undefined && answered2xx >= SIGNAL_AFTER_2XX) {
          if (api === undefined || projector === undefined) throw new Error('apps not started');
          signalledAt = performance.now();
          inFlightAtSignal = load.inFlight;
          // Both at once, as an orchestrator stopping the stack does.
          exits = Promise.all([api.stop(), projector.stop()]);
        }
        // After the signal, a request nobody answered means the api is gone: this client stops.
        return signalledAt !== undefined && record.status === undefined;
      },
    });
    const loadStarted = performance.now();
    await load.run();
    const loadMs = performance.now() - loadStarted;
    const commands = load.commands;

    // The signal came in the middle: the load was still running, and not all of it got through.
    expect(signalledAt).toBeDefined();
    expect(answered2xx).toBeLessThan(PLANNED_COMMANDS);
    const at = signalledAt ?? 0;
    // Before the signal everything succeeded: a failure there is a bug, not shutdown.
    const failedBefore = commands.filter((c) => c.answeredAt < at && !is2xx(c));
    expect(failedBefore).toEqual([]);

    // Both exit 0, within the bound.
    const codes = await withTimeout(exits ?? Promise.resolve([]), EXIT_BOUND_MS, () => {
      return `apps still running ${EXIT_BOUND_MS} ms after SIGTERM:\n${outputs()}`;
    });
    const exitMs = performance.now() - at;
    if (codes[0] !== 0 || codes[1] !== 0) {
      throw new Error(`exit codes api=${codes[0]} projector=${codes[1]}:\n${outputs()}`);
    }

    // The projector stored its checkpoints on the way out (publisher's too, when it ran).
    const sql = new Client({ connectionString: database?.url });
    await sql.connect();
    try {
      const consumers = await sql.query<{ consumer: string; position: string | null }>(
        `SELECT c.consumer, c.position::text AS position
           FROM read_models.consumer_checkpoints c
           JOIN read_models.consumer_state s
             ON s.consumer = c.consumer AND s.active_generation = c.generation`,
      );
      const names = consumers.rows.map((row) => row.consumer);
      expect(names).toEqual(expect.arrayContaining(['calendar', 'deletions', 'reporting']));
      expect(names.includes('kafka-publisher')).toBe(kafka.available);
      expect(consumers.rows.filter((row) => row.position === null)).toEqual([]);
    } finally {
      await sql.end();
    }

    await startBoth();
    if (store === undefined) throw new Error('event store not open');
    const head = await store.headPosition();
    if (head === undefined) throw new Error('the event store is empty');
    await waitForCatchUp(head);

    // Every 2xx command in the store; every stored session in the calendar and the reports.
    const checked = await checkAcknowledgedWrites({
      apiBase: apiBase(),
      store,
      professionals,
      firstDay,
      commands,
      attempted: load.attempted,
      head,
    });
    expectAllKept(checked);
    const { stored, events } = checked;

    outcome = { commands, stored };
    const count = (kind: CommandRecord['kind']) =>
      commands.filter((c) => c.kind === kind && is2xx(c)).length;
    process.stderr.write(
      `sigterm: ${commands.length} commands sent in ${Math.round(loadMs)} ms, ` +
        `${answered2xx} answered 2xx (${count('schedule')} schedules, ${count('cancel')} cancels), ` +
        `${inFlightAtSignal} in flight at SIGTERM, ` +
        `${commands.filter((c) => c.answeredAt >= at && is2xx(c)).length} answered 2xx after it, ` +
        `${commands.filter((c) => c.status === undefined).length} unanswered; ` +
        `both exited 0 in ${Math.round(exitMs)} ms; ${stored.size} sessions and ${events} events ` +
        `stored, all in the calendar after restart\n`,
    );
  });

  itUnless(
    kafka.available ? undefined : kafka.reason,
    'publishes every event of those sessions to Kafka after the restart (duplicates allowed)',
    async () => {
      if (outcome === undefined) throw new Error('the load case did not complete');
      if (!kafka.available) return;
      const missing = new Set<string>();
      for (const events of outcome.stored.values()) {
        for (const event of events) missing.add(event.eventId);
      }
      const expected = missing.size;
      const ours = new Set(missing);
      let scanned = 0;
      let copies = 0;
      const seen = new Set<string>();
      try {
        await readUntil(
          kafka.url,
          KAFKA_TOPICS,
          (records) => {
            for (; scanned < records.length; scanned += 1) {
              const id = header(records[scanned], 'ce_id');
              if (id === undefined || !ours.has(id)) continue;
              if (seen.has(id)) copies += 1;
              seen.add(id);
              missing.delete(id);
            }
            return missing.size === 0;
          },
          KAFKA_TIMEOUT_MS,
        );
      } catch (error) {
        throw new Error(
          `${missing.size} of ${expected} events not on Kafka (${reasonOf(error)}): ${[...missing].slice(0, 10).join(', ')}`,
        );
      }
      expect(missing.size).toBe(0);
      process.stderr.write(
        `sigterm: all ${expected} events on ${KAFKA_TOPICS.join(' and ')} (${copies} duplicate records)\n`,
      );
    },
  );
});
