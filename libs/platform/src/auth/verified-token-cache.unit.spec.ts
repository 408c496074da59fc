import { SignJWT } from 'jose';
import type { JwtConfig } from '../config/app-config';
import { UnauthorizedError } from '../errors/application-errors';
import { TokenVerifier } from './token-verifier';
import { VerifiedTokenCache } from './verified-token-cache';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const config: JwtConfig = {
  key: { kind: 'hs256', secret: SECRET, source: 'JWT_SECRET' },
  roleClaim: 'role',
};
const T0 = Date.UTC(2026, 0, 1, 9);
const pro = { sub: 'pro-1', role: 'professional' } as const;

const tokenExpiringAt = (expSeconds: number, sub = 'pro-1') =>
  new SignJWT({ role: 'professional' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt(T0 / 1000)
    .setExpirationTime(expSeconds)
    .sign(new TextEncoder().encode(SECRET));

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('VerifiedTokenCache', () => {
  it('serves an entry before its expiry and never at or after it', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('a', pro, T0 + 1000);
    expect(cache.get('a', T0 + 999)).toEqual(pro);
    expect(cache.get('a', T0 + 1000)).toBeUndefined();
    // Dropped once expired.
    expect(cache.size).toBe(0);
  });

  it('serves only the exact token it was given', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set('header.payload.signature', pro, T0 + 1000);
    expect(cache.get('header.payload.signaturf', T0)).toBeUndefined();
    expect(cache.get('header.payload.signature ', T0)).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new VerifiedTokenCache(2);
    cache.set('a', pro, T0 + 1000);
    cache.set('b', pro, T0 + 1000);
    expect(cache.get('a', T0)).toEqual(pro); // a is now the most recently used
    cache.set('c', pro, T0 + 1000);
    expect(cache.size).toBe(2);
    expect(cache.get('b', T0)).toBeUndefined();
    expect(cache.get('a', T0)).toEqual(pro);
    expect(cache.get('c', T0)).toEqual(pro);
    for (let i = 0; i < 100; i += 1) cache.set(`t${i}`, pro, T0 + 1000);
    expect(cache.size).toBe(2);
  });

  it('remembers nothing with maxEntries 0', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set('a', pro, T0 + 1000);
    expect(cache.get('a', T0)).toBeUndefined();
  });
});

describe('TokenVerifier with its cache of verified tokens', () => {
  it('refuses a token sent again once its exp has passed (no clock tolerance)', async () => {
    let now = T0;
    const verifier = new TokenVerifier(config, { now: () => now, clockToleranceSeconds: 0 });
    const token = await tokenExpiringAt(T0 / 1000 + 60);
    await expect(verifier.verify(token)).resolves.toEqual(pro);
    now = T0 + 59_999;
    await expect(verifier.verify(token)).resolves.toEqual(pro);
    now = T0 + 60_000;
    const error = await refusal(verifier.verify(token));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect((error as Error).message).toBe('The token has expired');
  });

  it('does not take a token for one it verified because they share claims', async () => {
    const verifier = new TokenVerifier(config, { now: () => T0 });
    const token = await tokenExpiringAt(T0 / 1000 + 60);
    await expect(verifier.verify(token)).resolves.toEqual(pro);
    const [header, payload, signature = ''] = token.split('.');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(await refusal(verifier.verify(`${header}.${payload}.${flipped}`))).toBeInstanceOf(
      UnauthorizedError,
    );
    const other = await tokenExpiringAt(T0 / 1000 + 60, 'pro-2');
    await expect(verifier.verify(other)).resolves.toEqual({ sub: 'pro-2', role: 'professional' });
  });
});
