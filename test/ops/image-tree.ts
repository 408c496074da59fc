import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/**
 * What the Dockerfile's build stage produces, without an engine: `tsc -p tsconfig.build.json`
 * and the messaging schemas beside it. Built inside the repository (.tmp/), so the compiled files
 * resolve node_modules as /app/dist does in the image.
 */
export function buildImageTree(name: string): string {
  const out = join(ROOT, '.tmp', `${name}-${process.pid}`);
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
    { cwd: ROOT, encoding: 'utf8', timeout: 170_000 },
  );
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  cpSync(join(ROOT, 'libs/messaging/schemas'), join(out, 'libs/messaging/schemas'), {
    recursive: true,
  });
  return out;
}
