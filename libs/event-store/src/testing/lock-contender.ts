/**
 * A process that wants a DATA_DIR, for the lock's tests (run with tsx): `lock-contender.ts <dir>`.
 * It prints `ready`, takes the lock when a line arrives on stdin (so several contenders can be
 * let go at once), prints `acquired` or `refused <message>`, and then holds the lock until
 * stdin ends, when it exits through process.exit (the lock goes with the 'exit' event).
 */
import { createInterface } from 'node:readline';
import { DataDirLock } from '../embedded/data-dir-lock';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: lock-contender.ts <dir>');
const lines = createInterface({ input: process.stdin });
let started = false;
lines.on('line', () => {
  if (started) return;
  started = true;
  DataDirLock.acquire(dir, { app: 'contender' }).then(
    () => process.stdout.write('acquired\n'),
    (error: unknown) =>
      process.stdout.write(`refused ${error instanceof Error ? error.message : String(error)}\n`),
  );
});
lines.on('close', () => process.exit(0));
process.stdout.write('ready\n');
