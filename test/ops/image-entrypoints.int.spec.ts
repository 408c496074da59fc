import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { entrypointApps } from './dockerfile';
import { buildImageTree, ROOT } from './image-tree';

jest.setTimeout(180_000);

let OUT = '';

function node(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_BASEURL: OUT, ...env },
    timeout: 30_000,
  });
}

/** The image's build and entry, without an engine: the Dockerfile's tsc step, then its ENTRYPOINT. */
describe('the image’s build and entry points', () => {
  beforeAll(() => {
    OUT = buildImageTree('ops-build');
  });
  afterAll(() => rmSync(OUT, { recursive: true, force: true }));

  it('emits every app’s entry where the entry point looks for it', () => {
    for (const app of entrypointApps())
      expect(existsSync(join(OUT, 'apps', app, 'src', 'main.js'))).toBe(true);
  });

  it('runs the cli with path aliases resolved against the compiled tree', () => {
    const help = node(['docker/entrypoint.js', 'cli', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('projections');
    const token = node(
      ['docker/entrypoint.js', 'cli', 'token', '--role', 'admin', '--sub', 'ops'],
      {
        JWT_SECRET: 'an-ops-test-secret-long-enough-for-hs256',
      },
    );
    expect(token.status).toBe(0);
    expect(token.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses an unknown app, and the health check fails when nothing answers', () => {
    const unknown = node(['docker/entrypoint.js', 'worker']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('choose one of api, projector, cli');
    expect(node(['docker/healthcheck.js', '1']).status).toBe(1);
  });

  it('fails fast, naming the variable, when the projector is misconfigured', () => {
    const bad = node(['docker/entrypoint.js', 'projector'], {
      EVENT_STORE: 'postgres',
      DATABASE_URL: '',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('DATABASE_URL');
  });
});
