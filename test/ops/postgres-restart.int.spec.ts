import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pause } from '@app/event-store';
import { createPostgresEventStore, type PostgresEventStore } from '@app/event-store/postgres';
import {
  describeWithPrivatePostgres,
  type PrivatePostgres,
  startPrivatePostgres,
} from '@test/support/private-postgres';
import { serviceAvailability } from '@test/support/requires-service';
import { checkAcknowledgedWrites, expectAllKept } from './acknowledged-writes';
import { type AppProcess, freePort, startApp, waitForReady } from './app-process';
import {
  CommandLoad,
  type CommandRecord,
  firstLoadDay,
  is2xx,
  professionalsWithCards,
} from './command-load';
import { buildImageTree } from './image-tree';
import { composeEnvironment } from './local-stack';

jest.setTimeout(120_000);

const CLIENTS = 32;
const PROFESSIONALS = 8;
/** Each fault comes once the load got this many more commands through: it is flowing. */
const ACKNOWLEDGED_BETWEEN_FAULTS = 60;
/** The API and the projector must be ready again this long after the server is back. */
const READY_DEADLINE_MS = 30_000;
const OUTAGE_MS = 10_000;

type Fault =
  | { readonly kind: 'restart'; readonly mode: 'fast' | 'immediate' }
  | { readonly kind: 'outage'; readonly ms: number };

const FAULTS: readonly Fault[] = [
  { kind: 'restart', mode: 'fast' },
  { kind: 'restart', mode: 'immediate' },
  { kind: 'restart', mode: 'fast' },
  { kind: 'restart', mode: 'immediate' },
  { kind: 'outage', ms: OUTAGE_MS },
];

const describeFault = (fault: Fault): string =>
  fault.kind === 'restart' ? `restart -m ${fault.mode}` : `stopped ${fault.ms / 1000} s`;

interface FaultFigures {
  readonly fault: string;
  /** From the fault's start until the server accepts connections again. */
  readonly serverDownMs: number;
  /** From the server being back until the app's /health/ready answered 200. */
  readonly apiReadyMs: number;
  readonly projectorReadyMs: number;
  /** From the server being back until the first command sent after it was answered 2xx. */
  firstAcknowledgedMs?: number;
  readonly backAt: number;
}

/**
 * What an answer during a fault may be: 2xx, or 503 problem+json telling the client when to
 * retry. No answer at all, a 500, or a 503 without Retry-After is a failure.
 */
const acceptable = (record: CommandRecord): boolean =>
  is2xx(record) ||
  (record.status === 503 &&
    (record.contentType ?? '').startsWith('application/problem+json') &&
    record.retryAfter !== undefined);

/**
 * The API and the projector, as the image runs them, against a PostgreSQL server of this test's
 * own (the event store, the read models, the idempotency records, the leases and LISTEN all in
 * it), under 32 concurrent clients while the server is restarted (fast and immediate, twice
 * each) and then stopped for 10 s. Both processes must stay up, answer only 2xx or 503
 * problem+json with Retry-After meanwhile, become ready again by themselves, and keep every
 * command they acknowledged, in the store and in the read models.
 */
describeWithPrivatePostgres('PostgreSQL restarted and stopped under load', () => {
  const kafka = serviceAvailability('kafka');
  const secret = randomBytes(32).toString('hex');
  let tree = '';
  let server: PrivatePostgres | undefined;
  let store: PostgresEventStore | undefined;
  let api: AppProcess | undefined;
  let projector: AppProcess | undefined;
  let apiBase = '';
  let projectorBase = '';

  const outputs = (): string =>
    [api, projector]
      .filter((app): app is AppProcess => app !== undefined)
      .map((app) => `--- ${app.name} (pid ${app.child.pid}):\n${app.output()}`)
      .join('\n') + `\n--- postgres:\n${server?.log().slice(-4_000) ?? ''}`;

  const exited = (): string[] =>
    [api, projector]
      .filter((app) => app !== undefined && app.child.exitCode !== null)
      .map((app) => `${app?.name} exited ${app?.child.exitCode}`);

  beforeAll(async () => {
    tree = buildImageTree('pg-restart');
    server = await startPrivatePostgres();
    const local = { databaseUrl: server.url(), kafka, extra: { JWT_SECRET: secret } };
    const apiEnv = composeEnvironment('api', { ...local, port: await freePort() });
    const projectorEnv = composeEnvironment('projector', { ...local, port: await freePort() });
    apiBase = `http://127.0.0.1:${apiEnv.PORT}`;
    projectorBase = `http://127.0.0.1:${projectorEnv.PORT}`;
    api = startApp('api', tree, apiEnv);
    // The api migrates the schemas first; the projector then finds them.
    await waitForReady(api, `${apiBase}/health/ready`);
    projector = startApp('projector', tree, projectorEnv);
    await waitForReady(projector, `${projectorBase}/health/ready`);
  });

  afterAll(async () => {
    for (const app of [api, projector]) await app?.stop();
    await store?.close();
    await server?.destroy();
    if (tree !== '') rmSync(tree, { recursive: true, force: true });
  });

  /** Polls `/health/ready` every 50 ms until 200; the time it took after `since`. */
  const readyAgain = async (app: AppProcess, base: string, since: number): Promise<number> => {
    while (performance.now() - since < READY_DEADLINE_MS) {
      if (app.child.exitCode !== null) {
        throw new Error(`${app.name} exited ${app.child.exitCode} after the fault:\n${outputs()}`);
      }
      try {
        const response = await fetch(`${base}/health/ready`, {
          signal: AbortSignal.timeout(2_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - since;
      } catch {
        // not answering yet: counted against the deadline
      }
      await pause(50);
    }
    throw new Error(`${app.name} not ready ${READY_DEADLINE_MS} ms after the server came back`);
  };

  it('stays up, answers only 2xx or 503 problem+json meanwhile, is ready again by itself, and loses no acknowledged write', async () => {
    if (server === undefined || api === undefined || projector === undefined) {
      throw new Error('not started');
    }
    const professionals = await professionalsWithCards(
      apiBase,
      secret,
      'pg-restart-pro',
      PROFESSIONALS,
    );
    const firstDay = firstLoadDay();
    let acknowledged = 0;
    let faultsDone = false;
    const load = new CommandLoad({
      apiBase,
      professionals,
      firstDay,
      clients: CLIENTS,
      readEvery: 4,
      requestTimeoutMs: 20_000,
      // A client refused meanwhile tries again soon, as a retrying client would.
      pauseAfterFailureMs: 100,
      stopped: () => faultsDone,
      onAnswer: (record) => {
        if (is2xx(record) && record.kind !== 'read') acknowledged += 1;
      },
    });
    const loadStarted = performance.now();
    const running = load.run();

    const figures: FaultFigures[] = [];
    try {
      for (const fault of FAULTS) {
        const target = acknowledged + ACKNOWLEDGED_BETWEEN_FAULTS;
        while (acknowledged < target) {
          if (exited().length > 0) throw new Error(`${exited().join(', ')}:\n${outputs()}`);
          await pause(20);
        }
        const startedAt = performance.now();
        if (fault.kind === 'restart') {
          await server.restart(fault.mode);
        } else {
          await server.stop('fast');
          await pause(fault.ms);
          await server.start();
        }
        const backAt = performance.now();
        const [apiReadyMs, projectorReadyMs] = await Promise.all([
          readyAgain(api, apiBase, backAt),
          readyAgain(projector, projectorBase, backAt),
        ]);
        figures.push({
          fault: describeFault(fault),
          serverDownMs: backAt - startedAt,
          apiReadyMs,
          projectorReadyMs,
          backAt,
        });
      }
    } finally {
      faultsDone = true;
      await running;
    }
    const loadMs = performance.now() - loadStarted;
    const commands = load.commands;

    // Both processes are still the ones started before the faults.
    expect(exited()).toEqual([]);
    // Nothing but 2xx, or 503 problem+json with Retry-After, ever answered; nothing unanswered.
    const unexpected = commands
      .filter((record) => !acceptable(record))
      .map((r) => `${r.kind} ${r.sessionId}: ${r.status ?? r.error} ${r.contentType ?? ''}`);
    expect(unexpected.slice(0, 20)).toEqual([]);

    for (const [index, figure] of figures.entries()) {
      const next = figures[index + 1]?.backAt ?? Infinity;
      const first = commands
        .filter((r) => r.sentAt >= figure.backAt && r.sentAt < next && is2xx(r))
        .reduce((min, r) => Math.min(min, r.answeredAt), Infinity);
      if (first !== Infinity) figure.firstAcknowledgedMs = first - figure.backAt;
    }

    store = await createPostgresEventStore({
      connectionString: server.url(),
      applicationName: 'pg-restart-test',
      migrate: false,
      listen: false,
      notify: 'off',
    });
    const head = await store.headPosition();
    if (head === undefined) throw new Error('the event store is empty');
    const checked = await checkAcknowledgedWrites({
      apiBase,
      store,
      professionals,
      firstDay,
      commands,
      attempted: load.attempted,
      head,
    });
    expectAllKept(checked);

    const statuses = new Map<string, number>();
    for (const record of commands) {
      const key = String(record.status ?? 'none');
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    const ms = (value: number | undefined) => (value === undefined ? '-' : `${Math.round(value)}`);
    process.stderr.write(
      [
        `pg-restart: ${commands.length} requests from ${CLIENTS} clients in ${Math.round(loadMs)} ms, ` +
          `statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
          `${commands.filter((r) => is2xx(r) && r.kind !== 'read').length} writes acknowledged, ` +
          `${checked.lostInStore.length} missing; ${checked.stored.size} sessions and ` +
          `${checked.events} events stored, all in the calendar and the reports`,
        ...figures.map(
          (f) =>
            `pg-restart: ${f.fault}: server back after ${ms(f.serverDownMs)} ms; ready again ` +
            `${ms(f.apiReadyMs)} ms (api) / ${ms(f.projectorReadyMs)} ms (projector) later, ` +
            `first acknowledged write ${ms(f.firstAcknowledgedMs)} ms later`,
        ),
        '',
      ].join('\n'),
    );
  });
});
