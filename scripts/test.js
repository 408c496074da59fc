#!/usr/bin/env node
// The README's test command: every jest project (unit, int, e2e) with coverage, provisioning the
// services the tests need (see test/support), then one closing line counted from jest's --json.
const { spawnSync } = require('node:child_process');
const { mkdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const tmp = join(root, '.tmp');
const results = join(tmp, 'jest-results.json');
mkdirSync(tmp, { recursive: true });
rmSync(join(tmp, 'skips'), { recursive: true, force: true });
rmSync(results, { force: true });

const jest = require.resolve('jest/bin/jest');
const args = [jest, '--coverage', '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(),
  },
});

let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
try {
  summary = JSON.parse(readFileSync(results, 'utf8'));
} catch {
  process.stdout.write('jest wrote no results file\n');
}
const failed = summary.numFailedTests + (summary.numRuntimeErrorTestSuites ?? 0);
process.stdout.write(
  `${summary.numPassedTests} passed, ${failed} failed, ${summary.numPendingTests + summary.numTodoTests} skipped\n`,
);
process.exit(run.status ?? 1);
