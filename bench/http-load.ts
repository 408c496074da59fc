/**
 * Drives POSTs at a server, one id per request (every id once), with wrk (a C client: on a
 * 2-core machine a Node client takes a core from the server it measures), or autocannon with a
 * printed warning when wrk is not installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface LoadRequest {
  readonly url: string;
  /** POST (the default) or GET (then the body is not sent). */
  readonly method?: 'GET' | 'POST';
  /** Path and body with `{id}` where the id goes. */
  readonly path: string;
  readonly body: string;
  readonly ids: readonly string[];
  readonly token: string;
  readonly connections: number;
  readonly seconds: number;
  /** A folder for the ids file. */
  readonly workDir: string;
}

export interface LoadFigures {
  readonly client: 'wrk' | 'autocannon';
  readonly requests: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Answers other than 2xx (wrk counts status >= 400). */
  readonly non2xx: number;
  /** Connect, read and write errors, and timeouts. */
  readonly errors: number;
  /** Some threads ran out of ids before the time was up (the rate is still over the time run). */
  readonly ranOutOfIds: boolean;
}

const WRK_THREADS = 2;

export function wrkInstalled(): boolean {
  return spawnSync('wrk', ['--version']).error === undefined;
}

let warned = false;

export async function runLoad(request: LoadRequest): Promise<LoadFigures> {
  if (wrkInstalled()) return runWrk(request);
  if (!warned) {
    warned = true;
    process.stderr.write(
      'WARNING: wrk is not installed (Debian: apt-get install -y wrk); using autocannon, a Node ' +
        'client on the same cores as the servers, which caps the figures it measures.\n',
    );
  }
  return runAutocannon(request);
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

async function runWrk(request: LoadRequest): Promise<LoadFigures> {
  const idsFile = join(request.workDir, `ids-${process.hrtime.bigint()}.txt`);
  writeFileSync(idsFile, `${request.ids.join('\n')}\n`);
  const args = [
    `-t${WRK_THREADS}`,
    `-c${request.connections}`,
    `-d${request.seconds}s`,
    '--timeout',
    '10s',
    '-s',
    join(__dirname, 'wrk-ids.lua'),
    request.url,
  ];
  const child = spawn('wrk', args, {
    env: {
      ...process.env,
      BENCH_IDS: idsFile,
      BENCH_THREADS: String(WRK_THREADS),
      BENCH_METHOD: request.method ?? 'POST',
      BENCH_PATH: request.path,
      BENCH_BODY: request.body,
      BENCH_TOKEN: request.token,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    // wrk runs for its whole -d even when its threads stopped; SIGINT makes it report now.
    if (output.split('WRK_OUT_OF_IDS').length - 1 >= WRK_THREADS) child.kill('SIGINT');
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = output.split('\n').find((text) => text.startsWith('WRK_JSON '));
  if (code !== 0 || line === undefined) throw new Error(`wrk failed (exit ${code}): ${output}`);
  const raw = JSON.parse(line.slice('WRK_JSON '.length)) as Record<string, number>;
  const value = (key: string): number => raw[key] ?? 0;
  const seconds = value('durationUs') / 1e6;
  return {
    client: 'wrk',
    requests: value('requests'),
    seconds: round1(seconds),
    perSecond: Math.round(value('requests') / seconds),
    latencyMs: {
      p50: round1(value('p50Us') / 1000),
      p99: round1(value('p99Us') / 1000),
      max: round1(value('maxUs') / 1000),
    },
    non2xx: value('non2xx'),
    errors: value('connectErrors') + value('readErrors') + value('writeErrors') + value('timeouts'),
    ranOutOfIds: value('threadsOutOfIds') > 0,
  };
}

async function runAutocannon(request: LoadRequest): Promise<LoadFigures> {
  let next = 0;
  const fill = (template: string, id: string): string => template.replaceAll('{id}', id);
  const result = await autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.seconds,
    amount: request.ids.length,
    headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: request.method ?? 'POST',
        setupRequest: (sent: { path?: string; body?: string }) => {
          const id = request.ids[next++] ?? request.ids[request.ids.length - 1] ?? '';
          return { ...sent, path: fill(request.path, id), body: fill(request.body, id) };
        },
      },
    ],
  });
  return {
    client: 'autocannon',
    requests: result.requests.total,
    seconds: result.duration,
    perSecond: Math.round(result.requests.total / result.duration),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    ranOutOfIds: next >= request.ids.length,
  };
}
