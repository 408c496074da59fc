/**
 * One build of the API against another, in the same rounds: how each change of the command path
 * was measured. api.bench.ts restarts and reseeds every side each round, so two builds meet
 * different moments of a shared machine; here every build is up at once on PostgreSQL (its own
 * schemas, no projector), seeded once with fresh sessions, and short `wrk` bursts of cancels
 * (`notifyClient: true`, 32 connections) alternate between them, the order flipping every round.
 * Per burst: cancels/s, p99, the API process's CPU a cancel (user + system from /proc), and the
 * CPU all PostgreSQL processes spent a cancel (the whole server: keep the machine quiet).
 * THE FIGURES are the medians of the per-round ratios of each build to the first.
 *
 * Settings: BENCH_PAIRED_ROOTS, checkouts (git worktrees with their node_modules), the first the
 * baseline (default: BENCH_BEFORE_ROOT, or this checkout, and this checkout: the same build twice
 * says how far the method itself scatters); BENCH_ROUNDS (10), BENCH_SECONDS a burst (3),
 * BENCH_SESSIONS a build (45,000: enough for every burst at 1,500 cancels a second),
 * BENCH_CONNECTIONS (32), DATABASE_URL. Writes bench/results/api-paired.json (BENCH_OUTPUT).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { signDevToken } from '../libs/platform/src/auth/sign-dev-token';
import {
  CANCEL_BODY,
  commitOf,
  compile,
  cpuSecondsOf,
  dropSchemas,
  median,
  PROFESSIONAL,
  round3,
  SCHEDULE_BODY,
  SECRET,
  runBench,
  startApi,
  stopChild,
  writeBenchResults,
} from './api-server';
import { runLoad, wrkInstalled } from './http-load';

const ROOT = join(__dirname, '..');
const ROOTS = (
  process.env.BENCH_PAIRED_ROOTS ?? `${process.env.BENCH_BEFORE_ROOT ?? ROOT},${ROOT}`
).split(',');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 45_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

/** CPU seconds of each PostgreSQL server process (command name `postgres`), by pid. */
function postgresCpuSeconds(): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) seconds.set(Number(entry), cpuSecondsOf(Number(entry)));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return seconds;
}

/** What the server's processes spent since `before` (one that ended meanwhile is not counted). */
function postgresCpuSince(before: Map<number, number>): number {
  let spent = 0;
  for (const [pid, now] of postgresCpuSeconds()) spent += now - (before.get(pid) ?? 0);
  return spent;
}

interface Burst {
  readonly perSecond: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly apiCpuMs: number;
  readonly postgresCpuMs: number;
}

interface Build {
  readonly root: string;
  readonly commit: string;
  readonly port: number;
  readonly prefix: string;
  readonly server: ChildProcess;
  readonly ids: string[];
  readonly bursts: Burst[];
}

const ratiosTo = (build: Build, base: Build, pick: (burst: Burst) => number): number =>
  round3(median(build.bursts.map((burst, i) => pick(burst) / pick(base.bursts[i] ?? burst))));

async function main(): Promise<void> {
  if (!wrkInstalled()) {
    process.stderr.write('wrk is not installed: apt-get install -y wrk (Debian).\n');
  }
  for (const root of new Set(ROOTS)) compile(root);
  const workDir = mkdtempSync(join(tmpdir(), 'api-paired-'));
  const token = await signDevToken({ sub: PROFESSIONAL, role: 'professional' }, SECRET);
  const builds: Build[] = [];
  try {
    for (const [index, root] of ROOTS.entries()) {
      const port = 4200 + index * 10;
      const prefix = `bench_paired_${randomUUID().slice(0, 8)}`;
      const dataDir = mkdtempSync(join(workDir, `api-${index}-`));
      const server = await startApi(root, 'postgres', port, dataDir, prefix);
      const ids = Array.from({ length: SESSIONS }, () => randomUUID());
      builds.push({ root, commit: commitOf(root), port, prefix, server, ids, bursts: [] });
    }
    for (const build of builds) {
      const seeded = await runLoad({
        url: `http://127.0.0.1:${build.port}`,
        ids: build.ids,
        token,
        connections: CONNECTIONS,
        workDir,
        path: '/api/v1/sessions',
        body: SCHEDULE_BODY,
        seconds: 600,
      });
      process.stdout.write(`[seed] ${build.commit}: ${seeded.requests} sessions\n`);
    }
    // Every burst its own slice of sessions: wrk's threads share out a file's lines, so what one
    // burst used is not a prefix of it.
    const slice = Math.floor(SESSIONS / ROUNDS);
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? builds : [...builds].reverse();
      for (const build of order) {
        const apiBefore = cpuSecondsOf(build.server.pid);
        const postgresBefore = postgresCpuSeconds();
        const figures = await runLoad({
          url: `http://127.0.0.1:${build.port}`,
          ids: build.ids.slice(round * slice, (round + 1) * slice),
          token,
          connections: CONNECTIONS,
          workDir,
          path: '/api/v1/sessions/{id}/cancel',
          body: CANCEL_BODY,
          seconds: SECONDS,
        });
        const requests = Math.max(1, figures.requests);
        build.bursts.push({
          perSecond: figures.perSecond,
          p99Ms: figures.latencyMs.p99,
          non2xx: figures.non2xx,
          apiCpuMs: round3(((cpuSecondsOf(build.server.pid) - apiBefore) * 1000) / requests),
          postgresCpuMs: round3((postgresCpuSince(postgresBefore) * 1000) / requests),
        });
      }
      process.stdout.write(
        `[round ${round + 1}] ` +
          builds
            .map((build) => {
              const burst = build.bursts[round];
              return `${build.commit} ${burst?.perSecond}/s, ${burst?.apiCpuMs} ms CPU a cancel, PostgreSQL ${burst?.postgresCpuMs} ms, p99 ${burst?.p99Ms} ms`;
            })
            .join(' | ') +
          '\n',
      );
    }
  } finally {
    for (const build of builds) await stopChild(build.server);
    await dropSchemas(
      builds.flatMap((build) => ['events', 'read', 'idem'].map((s) => `${build.prefix}_${s}`)),
    );
    rmSync(workDir, { recursive: true, force: true });
  }
  const [base] = builds;
  if (base === undefined) throw new Error('no build measured');
  const summary = builds.map((build) => ({
    root: build.root,
    commit: build.commit,
    perSecond: median(build.bursts.map((burst) => burst.perSecond)),
    apiCpuMsPerCancel: median(build.bursts.map((burst) => burst.apiCpuMs)),
    postgresCpuMsPerCancel: median(build.bursts.map((burst) => burst.postgresCpuMs)),
    p99Ms: median(build.bursts.map((burst) => burst.p99Ms)),
    non2xx: build.bursts.reduce((sum, burst) => sum + burst.non2xx, 0),
    ...(build === base
      ? {}
      : {
          cpuRatioToFirst: ratiosTo(build, base, (burst) => burst.apiCpuMs),
          rateRatioToFirst: ratiosTo(build, base, (burst) => burst.perSecond),
        }),
  }));
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  const output = {
    benchmark: 'api-paired',
    ratioDefinition: 'medians of the per-round ratios of each build to the first',
    when: new Date().toISOString(),
    settings: {
      rounds: ROUNDS,
      secondsABurst: SECONDS,
      sessions: SESSIONS,
      connections: CONNECTIONS,
    },
    machine: { cpus: cpus().length, loadavg: loadavg() },
    summary,
    bursts: builds.map((build) => ({ commit: build.commit, bursts: build.bursts })),
  };
  writeBenchResults('api-paired.json', output);
}

runBench(main);
