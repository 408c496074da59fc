import { DEV_JWT_SECRET, loadConfig, TokenVerifier } from '@app/platform';
import { decodeJwt } from 'jose';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../command';
import { runCli } from '../run-cli';
import { recordingIo } from '../testing/recording-io';
import { COMMANDS } from '.';
import { tokenCommand } from './token.command';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

describe('token command', () => {
  it('prints a token signed with the development default that the default server accepts', async () => {
    const io = recordingIo({});
    expect(await tokenCommand.run(['--role', 'professional', '--sub', 'pro-1'], io)).toBe(EXIT_OK);
    expect(io.stdout).toHaveLength(1);
    expect(io.stderr[0]).toContain('development default');
    const verifier = new TokenVerifier(loadConfig({}).jwt);
    await expect(verifier.verify(io.stdout[0])).resolves.toEqual({
      sub: 'pro-1',
      role: 'professional',
    });
    expect(loadConfig({}).jwt.key).toMatchObject({ secret: DEV_JWT_SECRET });
  });

  it('signs with JWT_SECRET and honours issuer, audience and role claim', async () => {
    const env = {
      JWT_SECRET: SECRET,
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'sessions-api',
      JWT_ROLE_CLAIM: 'app_role',
      EVENT_STORE: 'postgres',
      DATABASE_URL: 'postgres://db/app',
    };
    const io = recordingIo(env);
    expect(
      await tokenCommand.run(['--role', 'auditor', '--sub', 'aud-7', '--ttl', '30m'], io),
    ).toBe(EXIT_OK);
    expect(io.stderr).toEqual([]);
    const token = io.stdout[0];
    await expect(new TokenVerifier(loadConfig(env).jwt).verify(token)).resolves.toEqual({
      sub: 'aud-7',
      role: 'auditor',
    });
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(1800);
    // Not accepted by a server with another secret.
    await expect(new TokenVerifier(loadConfig({}).jwt).verify(token)).rejects.toThrow();
  });

  it('defaults to eight hours', async () => {
    const io = recordingIo({ JWT_SECRET: SECRET });
    await tokenCommand.run(['--role', 'admin', '--sub', 'ops'], io);
    const claims = decodeJwt(io.stdout[0]);
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it('keeps --expires-in as the old name of --ttl', async () => {
    const io = recordingIo({ JWT_SECRET: SECRET });
    expect(
      await tokenCommand.run(['--role', 'admin', '--sub', 'ops', '--expires-in', '2h'], io),
    ).toBe(EXIT_OK);
    const claims = decodeJwt(io.stdout[0]);
    expect(claims.exp! - claims.iat!).toBe(2 * 3600);
  });

  it('refuses a lifetime the server would refuse (over JWT_MAX_TTL), and defaults under it', async () => {
    const io = recordingIo({ JWT_SECRET: SECRET });
    expect(
      await runCli(['token', '--role', 'admin', '--sub', 'x', '--ttl', '2d'], COMMANDS, io),
    ).toBe(EXIT_USAGE);
    expect(io.stdout).toEqual([]);
    expect(io.stderr[0]).toContain(
      'token: --ttl 2d is 172800 seconds; the server accepts tokens of 1 to 86400 seconds (JWT_MAX_TTL)',
    );
    const short = recordingIo({ JWT_SECRET: SECRET, JWT_MAX_TTL: '1h' });
    expect(await tokenCommand.run(['--role', 'admin', '--sub', 'x'], short)).toBe(EXIT_OK);
    const claims = decodeJwt(short.stdout[0]);
    expect(claims.exp! - claims.iat!).toBe(3600);
    // What the command prints, a server with the same JWT_MAX_TTL accepts.
    await expect(
      new TokenVerifier(loadConfig({ JWT_SECRET: SECRET, JWT_MAX_TTL: '1h' }).jwt).verify(
        short.stdout[0],
      ),
    ).resolves.toEqual({ sub: 'x', role: 'admin' });
  });

  it.each([
    [['--sub', 'x'], 'token: missing --role'],
    [['--role', 'admin'], 'token: missing --sub'],
    [[], 'token: missing --role and --sub'],
    [
      ['--role', 'root', '--sub', 'x'],
      'token: --role must be one of professional, auditor, admin (got "root")',
    ],
    [
      ['--role', 'admin', '--sub', 'x', '--ttl', 'soon'],
      'token: --ttl: Invalid time period format',
    ],
    [
      ['--role', 'admin', '--sub', 'x', '--expires-in', 'soon'],
      'token: --expires-in: Invalid time period format',
    ],
    [
      ['--role', 'admin', '--sub', 'x', '--ttl', '1h', '--expires-in', '1h'],
      'token: give --ttl or its old name --expires-in, not both',
    ],
    [['--role', 'admin', '--sub', 'x', '--colour', 'red'], "token: Unknown option '--colour'"],
    [['--role', 'admin', '--sub', 'x', 'extra'], 'token: unexpected argument: extra'],
    [['--role'], "token: Option '--role <value>' argument missing"],
  ])('refuses %j with exit code 2', async (args, message) => {
    const io = recordingIo({});
    expect(await runCli(['token', ...args], COMMANDS, io)).toBe(EXIT_USAGE);
    expect(io.stdout).toEqual([]);
    expect(io.stderr[0]).toContain(message);
  });

  it('prints its help', async () => {
    const io = recordingIo({});
    expect(await runCli(['token', '--help'], COMMANDS, io)).toBe(EXIT_OK);
    expect(io.stdout[0]).toContain(
      'Usage: cli token --role <professional|auditor|admin> --sub <id>',
    );
  });

  it('refuses to print a token when only a JWKS is trusted', async () => {
    const io = recordingIo({ JWT_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(await tokenCommand.run(['--role', 'admin', '--sub', 'x'], io)).toBe(EXIT_FAILURE);
    expect(io.stdout).toEqual([]);
  });
});
