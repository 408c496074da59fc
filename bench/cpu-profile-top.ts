/**
 * The top items of a V8 CPU profile (node --cpu-prof), by self time: functions, and the same
 * time summed per package (node_modules/<name>), per file of ours, or per node internal.
 * Run: npx tsx bench/cpu-profile-top.ts <file.cpuprofile> [count, default 25] [from-s to-s]
 * (from/to: only the samples taken between those seconds after the profile began, e.g. the
 * load's window without the start-up and seeding).
 * e.g. after BENCH_STORES=postgres BENCH_ROUNDS=1 BENCH_SERVER_ARGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof" npm run bench -- api.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly hitCount?: number;
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function ownerOf(url: string, functionName: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1] !== undefined) return modules[1];
  if (url.startsWith('node:')) return url;
  if (url === '') return functionName === '' ? '(native)' : `(${functionName})`;
  const ours = /\/dist\/(.*)$/.exec(url);
  return ours?.[1] ?? url;
}

function main(): void {
  const [file, countText, fromText, toText] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: cpu-profile-top <file.cpuprofile> [count]');
  const count = Number(countText ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const from = Number(fromText ?? 0) * 1e6;
  const to = toText === undefined ? Infinity : Number(toText) * 1e6;
  const selfMicros = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    elapsed += delta;
    if (elapsed < from || elapsed > to) return;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  });
  const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
  const functions = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    const where = frame.url.replace(/^.*\/(node_modules|dist)\//, '');
    const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const owner = ownerOf(frame.url, frame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
  }
  const print = (title: string, table: Map<string, number>): void => {
    process.stdout.write(`\n${title} (self time, of ${(total / 1e6).toFixed(1)} s sampled)\n`);
    [...table.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .forEach(([name, micros]) =>
        process.stdout.write(`${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}\n`),
      );
  };
  print('By package or file', owners);
  print('By function', functions);
}

main();
