import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type KeyLike, SignJWT } from 'jose';
import type { JwtConfig } from '../config/app-config';
import { UnauthorizedError } from '../errors/application-errors';
import { AuthUnavailableError } from './auth-unavailable-error';
import { signDevToken } from './sign-dev-token';
import { TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const hs256 = (overrides: Partial<JwtConfig> = {}): JwtConfig => ({
  key: { kind: 'hs256', secret: SECRET, source: 'JWT_SECRET' },
  roleClaim: 'role',
  ...overrides,
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('TokenVerifier with HS256', () => {
  const verifier = new TokenVerifier(hs256());

  it('accepts a valid token and gives its caller', async () => {
    const token = await signDevToken({ sub: 'pro-1', role: 'professional' }, SECRET);
    await expect(verifier.verify(token)).resolves.toEqual({ sub: 'pro-1', role: 'professional' });
  });

  it('refuses an expired token', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin-1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(SECRET));
    const error = await rejection(verifier.verify(token));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toBe('The token has expired');
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signDevToken({ sub: 'pro-1', role: 'professional' }, `${SECRET}-other`);
    const error = await rejection(verifier.verify(token));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toBe('The token is not valid');
  });

  it('refuses garbage and an unsigned token', async () => {
    expect(await rejection(verifier.verify('not.a.token'))).toBeInstanceOf(UnauthorizedError);
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin' })).toString('base64url');
    expect(await rejection(verifier.verify(`${header}.${body}.`))).toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('refuses a token without a role, with an unknown role, or without a subject', async () => {
    const key = new TextEncoder().encode(SECRET);
    const noRole = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime('1h')
      .sign(key);
    expect((await rejection(verifier.verify(noRole))).message).toBe(
      'The token\'s "role" claim must be one of professional, auditor, admin',
    );
    const badRole = await new SignJWT({ role: 'root' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setExpirationTime('1h')
      .sign(key);
    expect(await rejection(verifier.verify(badRole))).toBeInstanceOf(UnauthorizedError);
    const noSub = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(key);
    expect((await rejection(verifier.verify(noSub))).message).toBe('The token has no subject');
  });

  const key = new TextEncoder().encode(SECRET);
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it('refuses a token without exp: it would live for ever', async () => {
    const forever = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin-1')
      .setIssuedAt()
      .sign(key);
    const error = await rejection(verifier.verify(forever));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toBe('The token has no expiry (exp): it would live for ever');
  });

  it('refuses a token valid for longer than JWT_MAX_TTL (default 24 h), however it says so', async () => {
    const sign = (iat: number | undefined, exp: number) => {
      let jwt = new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('a');
      if (iat !== undefined) jwt = jwt.setIssuedAt(iat);
      return jwt.setExpirationTime(exp).sign(key);
    };
    const now = nowSeconds();
    const day = 24 * 3600;
    await expect(verifier.verify(await sign(now, now + day))).resolves.toMatchObject({ sub: 'a' });
    const tooLong =
      'The token is valid for longer than the 86400 seconds the server accepts (JWT_MAX_TTL)';
    expect((await rejection(verifier.verify(await sign(now, now + day + 60)))).message).toBe(
      tooLong,
    );
    // No iat: counted from now.
    expect((await rejection(verifier.verify(await sign(undefined, now + 30 * day)))).message).toBe(
      tooLong,
    );
    // An iat in the future does not shorten a lifetime that runs from now.
    expect(
      (await rejection(verifier.verify(await sign(now + 29 * day, now + 30 * day)))).message,
    ).toBe(tooLong);
    // Issued long ago for a long life, even if little of it is left.
    expect((await rejection(verifier.verify(await sign(now - 30 * day, now + 60)))).message).toBe(
      tooLong,
    );
    const hour = new TokenVerifier(hs256({ maxTtlSeconds: 3600 }));
    expect(await rejection(hour.verify(await sign(now, now + 7200)))).toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it.each([
    ['a NUL', 'pro\u0000-1'],
    ['a control character', 'pro\u001b-1'],
    ['a lone surrogate', 'pro\ud800'],
    ['201 characters', 'p'.repeat(201)],
  ])('refuses a subject with %s (401, never a 500 downstream)', async (_what, sub) => {
    const token = await signDevToken({ sub, role: 'professional' }, SECRET);
    const error = await rejection(verifier.verify(token));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.message).toMatch(/^The token's subject must/);
  });

  it('reads the role from the configured claim', async () => {
    const custom = new TokenVerifier(hs256({ roleClaim: 'https://sessions.example/role' }));
    const token = await signDevToken(
      { sub: 'a-1', role: 'auditor', roleClaim: 'https://sessions.example/role' },
      SECRET,
    );
    await expect(custom.verify(token)).resolves.toEqual({ sub: 'a-1', role: 'auditor' });
    const plain = await signDevToken({ sub: 'a-1', role: 'auditor' }, SECRET);
    expect(await rejection(custom.verify(plain))).toBeInstanceOf(UnauthorizedError);
  });

  it('checks issuer and audience when configured', async () => {
    const strict = new TokenVerifier(
      hs256({ issuer: 'https://idp.example', audience: 'sessions-api' }),
    );
    const good = await signDevToken(
      { sub: 'p', role: 'professional', issuer: 'https://idp.example', audience: 'sessions-api' },
      SECRET,
    );
    await expect(strict.verify(good)).resolves.toEqual({ sub: 'p', role: 'professional' });

    const wrongIssuer = await signDevToken(
      { sub: 'p', role: 'professional', issuer: 'https://evil.example', audience: 'sessions-api' },
      SECRET,
    );
    expect((await rejection(strict.verify(wrongIssuer))).message).toBe(
      'The token\'s "iss" claim is not accepted',
    );

    const wrongAudience = await signDevToken(
      { sub: 'p', role: 'professional', issuer: 'https://idp.example', audience: 'other-api' },
      SECRET,
    );
    expect((await rejection(strict.verify(wrongAudience))).message).toBe(
      'The token\'s "aud" claim is not accepted',
    );

    const none = await signDevToken({ sub: 'p', role: 'professional' }, SECRET);
    expect(await rejection(strict.verify(none))).toBeInstanceOf(UnauthorizedError);
  });
});

describe('TokenVerifier with a JWKS URL', () => {
  let server: Server;
  let url: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((request, response) => {
      if (request.url !== '/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const sign = (kid: string, key: KeyLike | Uint8Array, alg = 'RS256'): Promise<string> =>
    new SignJWT({ role: 'auditor' })
      .setProtectedHeader({ alg, kid })
      .setSubject('auditor-1')
      .setIssuer('https://idp.example')
      .setExpirationTime('5m')
      .sign(key);

  it('accepts a token signed by a key of the set', async () => {
    const verifier = new TokenVerifier({
      key: { kind: 'jwks', url },
      issuer: 'https://idp.example',
      roleClaim: 'role',
    });
    await expect(verifier.verify(await sign('key-1', privateKey))).resolves.toEqual({
      sub: 'auditor-1',
      role: 'auditor',
    });
  });

  it('refuses a token signed by a key outside the set, and an HMAC token', async () => {
    const verifier = new TokenVerifier({ key: { kind: 'jwks', url }, roleClaim: 'role' });
    const stranger = await generateKeyPair('RS256');
    expect(
      await rejection(verifier.verify(await sign('key-1', stranger.privateKey))),
    ).toBeInstanceOf(UnauthorizedError);
    expect(
      await rejection(verifier.verify(await sign('key-2', stranger.privateKey))),
    ).toBeInstanceOf(UnauthorizedError);
    const hmac = await sign('key-1', new TextEncoder().encode(SECRET), 'HS256');
    expect(await rejection(verifier.verify(hmac))).toBeInstanceOf(UnauthorizedError);
  });

  it('answers unavailable (not unauthorized) when the provider answers an error', async () => {
    const verifier = new TokenVerifier({
      key: { kind: 'jwks', url: url.replace('jwks.json', 'missing.json') },
      roleClaim: 'role',
    });
    expect(await rejection(verifier.verify(await sign('key-1', privateKey)))).toBeInstanceOf(
      AuthUnavailableError,
    );
  });

  it('answers unavailable (not unauthorized) when the key set cannot be fetched', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const verifier = new TokenVerifier({
      key: { kind: 'jwks', url: `http://127.0.0.1:${port}/jwks.json` },
      roleClaim: 'role',
    });
    expect(await rejection(verifier.verify(await sign('key-1', privateKey)))).toBeInstanceOf(
      AuthUnavailableError,
    );
  });
});
