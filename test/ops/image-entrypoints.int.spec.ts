import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_JWT_SECRET } from '@app/platform';
import { itUnless } from '@test/support/requires-service';
import { type AppProcess, freePort, startApp, waitForReady } from './app-process';
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
// One compiled tree for every test of the file.
beforeAll(() => {
  OUT = buildImageTree('ops-build');
});
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the image’s build and entry points', () => {
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

  it('refuses to start the api in production with the public development secret', () => {
    const refused = node(['docker/entrypoint.js', 'api'], {
      NODE_ENV: 'production',
      JWT_SECRET: DEV_JWT_SECRET,
      EVENT_STORE: 'embedded',
      READ_MODEL_STORE: 'embedded',
      DATA_DIR: join(OUT, 'refused-data'),
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('JWT_SECRET holds the public development secret');
    expect(existsSync(join(OUT, 'refused-data'))).toBe(false);
  });
});

/** An address of this machine that is not loopback, where an API bound to 127.0.0.1 is not reachable. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address?.family === 'IPv4' && !address.internal)?.address;

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the address the api binds', () => {
  const started: AppProcess[] = [];
  const dataDirs: string[] = [];
  afterAll(async () => {
    for (const app of started) await app.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** The image's entry with nothing but what is given (no JWT_SECRET of the test run). */
  const start = async (env: Record<string, string>) => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'bind-'));
    dataDirs.push(dataDir);
    const app = startApp('api', OUT, {
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    });
    started.push(app);
    return { app, port };
  };

  itUnless(
    outsideAddress === undefined ? 'this machine has no non-loopback IPv4 address' : undefined,
    'listens on 127.0.0.1 only with the development secret, on HOST with a secret of its own',
    async () => {
      const development = await start({});
      await waitForReady(development.app, `http://127.0.0.1:${development.port}/health/live`);
      expect(await reachable(outsideAddress as string, development.port)).toBe(false);

      const exposed = await start({ HOST: '0.0.0.0' });
      const exitCode = await new Promise<number | null>((resolve) => {
        if (exposed.app.child.exitCode !== null) resolve(exposed.app.child.exitCode);
        else exposed.app.child.once('exit', (code) => resolve(code));
      });
      expect(exitCode).toBe(1);
      expect(exposed.app.output()).toContain(
        'HOST=0.0.0.0 would expose an API that trusts the public development secret',
      );

      const secret = await start({
        HOST: '0.0.0.0',
        JWT_SECRET: 'a-secret-of-this-test-that-is-32-bytes-long',
      });
      await waitForReady(secret.app, `http://127.0.0.1:${secret.port}/health/live`);
      expect(await reachable(outsideAddress as string, secret.port)).toBe(true);
    },
  );
});
