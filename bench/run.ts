/**
 * `npm run bench [name ...]`: runs each benchmark in its own process (so one's memory and
 * connections never skew the next) and leaves its JSON in bench/results/. Names: the file
 * prefixes in this folder, e.g. `npm run bench -- event-store projections`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const here = __dirname;
const available = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown benchmark(s): ${unknown.join(', ')}. Available: ${available.join(', ')}\n`,
  );
  process.exit(2);
}

const selected = requested.length > 0 ? requested : available;
const tsx = require.resolve('tsx/cli');
let failures = 0;
for (const name of selected) {
  const file = join(here, `${name}.bench.ts`);
  if (!existsSync(file)) continue;
  process.stdout.write(`\n=== bench: ${name}\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [tsx, file], { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status === 0) {
    process.stdout.write(
      `=== ${name}: done in ${seconds} s, results in bench/results/${name}.json\n`,
    );
  } else {
    failures += 1;
    process.stdout.write(
      `=== ${name}: FAILED (exit ${run.status ?? run.signal}) after ${seconds} s\n`,
    );
  }
}
process.exit(failures === 0 ? 0 : 1);
