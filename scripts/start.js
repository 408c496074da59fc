#!/usr/bin/env node
// The README's run command: compiles with tsc (Nest's dependency injection and validation need
// the decorator metadata that tsc emits and esbuild-based runners do not), then runs the API
// with the projector in one process on the embedded default. Signals are forwarded so that
// Ctrl-C shuts the app down gracefully.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const app = process.argv[2] ?? 'api';

process.stdout.write('Compiling (tsc -p tsconfig.build.json)...\n');
const tsc = spawnSync(
  process.execPath,
  [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const child = spawn(
  process.execPath,
  [
    '-r',
    'tsconfig-paths/register',
    join('dist', 'apps', app, 'src', 'main.js'),
    ...process.argv.slice(3),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TS_NODE_BASEURL: join(root, 'dist') } },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
