/**
 * The projector killed at random, again and again, while it catches up with a backlog and a live
 * writer: its read models must end exactly as a rebuild from the log makes them (each batch
 * commits its rows and its checkpoint in one transaction, so a kill never loses or doubles an
 * effect). Runs the projector app as the image runs it, against PostgreSQL.
 *
 *   npm run crash:projector [-- <cycles=50> <backlog sessions=20000>]
 *   DATABASE_URL: a server where a scratch database may be created (default the local one)
 *
 * Prints its figures and writes them to bench/results/projector-crash.json. Not part of CI: it
 * takes a few minutes (every cycle starts a process).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type EventStore, pause } from '@app/event-store';
import { createPostgresEventStore } from '@app/event-store/postgres';
import { readActiveCheckpoint } from '@app/consumers';
import { appliedPosition, createPostgresReadModels, type ReadModels } from '@app/read-models';
import { seededRandom } from '../../libs/read-models/src/testing/generated-history';
import { SessionWriter } from '../support/session-writer';
import { snapshotActive } from '../../libs/read-models/src/testing/snapshot';
import { type AppProcess, freePort, startApp } from './app-process';
import { buildImageTree, ROOT } from './image-tree';
import { createScratchDatabase } from './local-stack';

const CYCLES = Number(process.argv[2] ?? '50');
const BACKLOG_SESSIONS = Number(process.argv[3] ?? '20000');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KILL_AFTER_MS = { min: 50, max: 500 };
const WRITERS = 8;
const REASONS = [
  'cancelled-by-professional',
  'cancelled-by-client',
  'client-no-show',
  'other',
] as const;
const HOUR = 3_600_000;

const log = (line: string): void => {
  process.stdout.write(`[crash] ${line}\n`);
};

/** One session's history: scheduled; most cancelled (some charged, some notified); a few deleted. */
async function writeSession(writer: SessionWriter, i: number, random: () => number): Promise<void> {
  const sessionId = `crash-${i}-${randomUUID().slice(0, 8)}`;
  const professionalId = `pro-${i % 23}`;
  const startsMs = Date.parse('2026-06-01T00:00:00.000Z') + Math.floor(random() * 60 * 24) * HOUR;
  const startsAt = new Date(startsMs).toISOString();
  await writer.schedule({ sessionId, professionalId, startsAt });
  const dice = random();
  if (dice < 0.3) return;
  if (dice < 0.36) {
    await writer.delete(sessionId, professionalId, new Date(startsMs - 48 * HOUR).toISOString());
    return;
  }
  const reason = REASONS[Math.floor(random() * REASONS.length)];
  const cancelledMs =
    reason === 'client-no-show' ? startsMs + 600_000 : startsMs - Math.floor(random() * 72) * HOUR;
  await writer.cancel(sessionId, professionalId, {
    reason,
    note: reason === 'other' ? 'private' : undefined,
    startsAt,
    cancelledAt: new Date(cancelledMs).toISOString(),
    charge: random() < 0.4 ? { method: 'card', amountMinor: 6000, currency: 'EUR' } : undefined,
    notify: random() < 0.5,
  });
}

/** Sessions [from, to) written by WRITERS concurrent writers. */
async function writeSessions(store: EventStore, from: number, to: number): Promise<void> {
  let next = from;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const writer = new SessionWriter(store);
      const random = seededRandom(from * WRITERS + w);
      while (next < to) {
        const i = next;
        next += 1;
        await writeSession(writer, i, random);
      }
    }),
  );
}

/** Rows of `before` missing from `after` and the other way round, table by table. */
function mismatches(
  before: Record<string, Record<string, unknown[]>>,
  after: Record<string, Record<string, unknown[]>>,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [projection, tables] of Object.entries(after)) {
    for (const [table, rows] of Object.entries(tables)) {
      const counts = new Map<string, number>();
      for (const row of before[projection]?.[table] ?? []) {
        const key = JSON.stringify(row);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      let differing = 0;
      for (const row of rows) {
        const key = JSON.stringify(row);
        const left = counts.get(key) ?? 0;
        if (left > 0) counts.set(key, left - 1);
        else differing += 1;
      }
      for (const left of counts.values()) differing += left;
      result[`${projection}.${table}`] = differing;
    }
  }
  return result;
}

async function main(): Promise<void> {
  const began = performance.now();
  const tree = buildImageTree('projector-crash');
  const database = await createScratchDatabase(SERVER, `projector_crash_${process.pid}`);
  let store: EventStore | undefined;
  let readModels: ReadModels | undefined;
  let projector: AppProcess | undefined;
  try {
    store = await createPostgresEventStore({
      connectionString: database.url,
      applicationName: 'crash-writer',
      heldBackCheckIntervalMs: 0,
    });
    readModels = await createPostgresReadModels({ connectionString: database.url });
    const env = {
      EVENT_STORE: 'postgres',
      READ_MODEL_STORE: 'postgres',
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      LOG_LEVEL: 'info',
    };

    let t = performance.now();
    await writeSessions(store, 0, BACKLOG_SESSIONS);
    const backlogEvents = await countEvents(store);
    log(`backlog: ${BACKLOG_SESSIONS} sessions, ${backlogEvents} events in ${seconds(t)} s`);

    // The live writer: one session after another until the cycles are over.
    let writing = true;
    let live = BACKLOG_SESSIONS;
    const liveWriter = (async () => {
      const writer = new SessionWriter(store);
      const random = seededRandom(42);
      while (writing) {
        await writeSession(writer, live, random);
        live += 1;
        await pause(5);
      }
    })();

    const random = seededRandom(7);
    const kills: number[] = [];
    const names = readModels.projections.map((p) => p.name);
    t = performance.now();
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      const before = await checkpoints(readModels);
      projector = startApp('projector', tree, env);
      // The kill timer starts once it is at work: a projection committed a batch since it started.
      await committedSince(projector, readModels, before);
      const after =
        KILL_AFTER_MS.min + Math.floor(random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
      await pause(after);
      projector.child.kill('SIGKILL');
      await projector.stop();
      kills.push(after);
      if ((cycle + 1) % 10 === 0)
        log(`${cycle + 1} kills; checkpoints ${await checkpoints(readModels)}`);
    }
    const applied = await appliedPosition(readModels.executor, names);
    const eventsAppliedInCycles = applied === undefined ? 0 : await countEvents(store, applied);
    const cyclesSeconds = seconds(t);
    writing = false;
    await liveWriter;
    const head = await store.headPosition();
    const totalEvents = await countEvents(store);
    log(
      `${CYCLES} kills in ${cyclesSeconds} s, ${eventsAppliedInCycles} events applied by every ` +
        `projection by then; the live writer added ${live - BACKLOG_SESSIONS} sessions`,
    );

    // Once more, left to finish: catch up with the head, then a graceful stop.
    t = performance.now();
    projector = startApp('projector', tree, env);
    if (head !== undefined) await readModels.waitForPosition(names, head, 10 * 60_000);
    const finalCatchUpSeconds = seconds(t);
    const exitCode = await projector.stop();
    if (exitCode !== 0)
      throw new Error(`the last projector exited ${exitCode}:\n${projector.output()}`);

    // The rows the crashes left, against a rebuild of every projection from position 0.
    t = performance.now();
    const recovered = await snapshotActive(readModels.executor, readModels.projections);
    for (const name of names) await readModels.rebuild(store, name);
    const rebuilt = await snapshotActive(readModels.executor, readModels.projections);
    const differing = mismatches(recovered, rebuilt);
    const total = Object.values(differing).reduce((sum, n) => sum + n, 0);
    const rows = Object.fromEntries(
      Object.entries(rebuilt).flatMap(([p, tables]) =>
        Object.entries(tables).map(([table, list]) => [`${p}.${table}`, list.length]),
      ),
    );
    const figures = {
      at: new Date().toISOString(),
      cycles: CYCLES,
      killAfterMs: { min: Math.min(...kills), max: Math.max(...kills) },
      eventsAppliedInCycles,
      backlogSessions: BACKLOG_SESSIONS,
      backlogEvents,
      liveSessions: live - BACKLOG_SESSIONS,
      events: totalEvents,
      cyclesSeconds,
      finalCatchUpSeconds,
      compareSeconds: seconds(t),
      rows,
      mismatches: total,
      mismatchesByTable: differing,
      totalSeconds: seconds(began),
    };
    mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench', 'results', 'projector-crash.json'),
      `${JSON.stringify(figures, null, 2)}\n`,
    );
    log(
      `${CYCLES} SIGKILLs (after ${figures.killAfterMs.min}-${figures.killAfterMs.max} ms), ` +
        `${totalEvents} events, ${total} rows differing from a rebuild ` +
        `(${Object.entries(rows)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}), ${figures.totalSeconds} s in all`,
    );
    if (total > 0) {
      log(`MISMATCH: ${JSON.stringify(differing)}`);
      process.exitCode = 1;
    }
  } finally {
    if (projector !== undefined) await projector.stop();
    await readModels?.close();
    await store?.close();
    await database.drop();
    rmSync(tree, { recursive: true, force: true });
  }
}

const seconds = (since: number): number => Number(((performance.now() - since) / 1000).toFixed(1));

/** Events in the log, or up to and including the position `upTo`. */
async function countEvents(store: EventStore, upTo?: string): Promise<number> {
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: 5_000 });
    const within =
      upTo === undefined ? batch : batch.filter((e) => BigInt(e.position) <= BigInt(upTo));
    count += within.length;
    if (batch.length === 0 || within.length < batch.length) return count;
    after = batch[batch.length - 1].position;
  }
}

/** Each projection's checkpoint, as one comparable string. */
async function checkpoints(readModels: ReadModels): Promise<string> {
  const positions = await Promise.all(
    readModels.projections.map(
      async (p) =>
        `${p.name}@${(await readActiveCheckpoint(readModels.executor, p.name))?.position ?? '-'}`,
    ),
  );
  return positions.join(' ');
}

/** Resolves once some projection committed a batch after `before` was read. */
async function committedSince(
  app: AppProcess,
  readModels: ReadModels,
  before: string,
): Promise<void> {
  while ((await checkpoints(readModels)) === before) {
    if (app.child.exitCode !== null) throw new Error(`the projector exited:\n${app.output()}`);
    await pause(10);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[crash] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
