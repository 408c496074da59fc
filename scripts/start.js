#!/usr/bin/env node
// The README's run command: `npm start [-- projector]`.
//
// 1. Checks the configuration first, from the TypeScript source (tsx loads the one module that
//    reads it, no compilation): a wrong variable is answered at once, not after a build.
// 2. Builds with `tsc -b tsconfig.build.json`, which compiles only what changed and skips the
//    build when nothing did (Nest's dependency injection and validation need the decorator
//    metadata that tsc emits and esbuild-based runners do not).
// 3. Runs the compiled app in a child process of its own process group, and forwards the first
//    SIGINT, SIGTERM or SIGHUP to it exactly once: package.json runs this script with `exec`, so
//    `kill <npm's pid>` reaches it through npm, and Ctrl-C (which signals npm and this script)
//    does not reach the app twice. The app then shuts down gracefully and this script exits with
//    its status.
const { spawn } = require('node:child_process');
const { statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** Each app the script starts, with the module and function that validate its configuration. */
const APPS = {
  api: { config: 'libs/platform/src/config/load-config.ts', load: 'loadConfig' },
  projector: { config: 'apps/projector/src/projector-config.ts', load: 'loadProjectorConfig' },
};

const app = process.argv[2] ?? 'api';
if (!Object.hasOwn(APPS, app)) {
  process.stderr.write(`Unknown app "${app}": choose one of ${Object.keys(APPS).join(', ')}\n`);
  process.exit(2);
}

/** Exits 1 with the configuration's problems, as the app itself would report them. */
function checkConfiguration() {
  const { require: requireTypeScript } = require('tsx/cjs/api');
  const { config, load } = APPS[app];
  const module = requireTypeScript(join(root, config), __filename);
  try {
    module[load](process.env);
  } catch (error) {
    if (error instanceof Error && error.name === 'ConfigError') {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** tsc's record of the last build: unchanged when the build had nothing to do. */
const BUILD_INFO = join(root, 'dist', 'tsconfig.build.tsbuildinfo');

function builtAt() {
  try {
    return statSync(BUILD_INFO).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The child process that signals are forwarded to: tsc while building, then the app. */
let current;
let stopping = false;
// SIGHUP (the terminal closed) stops the app too, gracefully: in its own process group it would
// not get the terminal's hang-up, and this script must not die of it before passing it on.
const FORWARDED = { SIGINT: 'SIGINT', SIGTERM: 'SIGTERM', SIGHUP: 'SIGTERM' };
for (const [received, sent] of Object.entries(FORWARDED)) {
  process.on(received, () => {
    if (stopping) return;
    stopping = true;
    if (current === undefined) process.exit(0);
    current.kill(sent);
  });
}

/** Runs node with `args` in its own process group; resolves with its exit code. */
function run(args, options) {
  return new Promise((resolve) => {
    current = spawn(process.execPath, args, { cwd: root, detached: true, ...options });
    current.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  checkConfiguration();

  const before = builtAt();
  const started = Date.now();
  process.stdout.write('Building (tsc -b tsconfig.build.json: only what changed)...\n');
  const built = await run([require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (built !== 0 || stopping) process.exit(built);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const after = builtAt();
  process.stdout.write(
    after !== undefined && after === before
      ? `Build up to date: nothing changed (${seconds} s)\n`
      : `Built in ${seconds} s\n`,
  );

  const status = await run(
    [
      '-r',
      'tsconfig-paths/register',
      join('dist', 'apps', app, 'src', 'main.js'),
      ...process.argv.slice(3),
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, TS_NODE_BASEURL: join(root, 'dist') },
    },
  );
  process.exit(status);
}

main().catch((error) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
