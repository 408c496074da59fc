import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { BOUNDS, boundViolation } from '@app/domain';
import type { JwtConfig } from '../config/app-config';
import { DEFAULT_JWT_MAX_TTL_SECONDS } from '../config/load-config';
import { UnauthorizedError } from '../errors/application-errors';
import { AuthUnavailableError } from './auth-unavailable-error';
import type { Caller } from './caller';
import { isRole, ROLES } from './role';
import { VerifiedTokenCache } from './verified-token-cache';

/** Asymmetric algorithms an identity provider may sign with; `none` and HMAC are never taken from a JWKS. */
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

export interface TokenVerifierOptions {
  /** Seconds of clock skew tolerated on exp/nbf/iat (default 5: an identity provider's clock is not ours). */
  clockToleranceSeconds?: number;
  /** The clock, in milliseconds since the epoch (tests pin it). */
  now?: () => number;
  /**
   * How many verified tokens to remember, so a token sent again skips the signature check until
   * its `exp` (default 10,000: a few MB at most; 0 turns the cache off).
   */
  cachedTokens?: number;
}

const DEFAULT_CACHED_TOKENS = 10_000;

/**
 * Verifies a bearer token and turns it into a Caller, or throws UnauthorizedError saying why.
 * HS256 with a shared secret, or any asymmetric key from a JWKS URL (keys cached and refreshed
 * by jose when an unknown `kid` appears). A token must expire (`exp`), and may not be valid for
 * longer than JWT_MAX_TTL: neither from now nor from when it says it was issued (`iat`). Its
 * `sub` becomes the actor's id in events, so it must be an id of the bounds table (a NUL: 401).
 * A key set that cannot be fetched is a 503 (AuthUnavailableError), not the caller's fault.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];
  private readonly verified: VerifiedTokenCache;

  constructor(
    private readonly config: JwtConfig,
    private readonly options: TokenVerifierOptions = {},
  ) {
    if (config.key.kind === 'hs256') {
      this.key = new TextEncoder().encode(config.key.secret);
      this.algorithms = ['HS256'];
    } else {
      this.key = createRemoteJWKSet(new URL(config.key.url));
      this.algorithms = JWKS_ALGORITHMS;
    }
    this.verified = new VerifiedTokenCache(options.cachedTokens ?? DEFAULT_CACHED_TOKENS);
  }

  async verify(token: string): Promise<Caller> {
    const now = this.options.now?.() ?? Date.now();
    const cached = this.verified.get(token, now);
    if (cached !== undefined) return cached;
    const { caller, expiresAtMs } = await this.verifyFully(token);
    this.verified.set(token, caller, expiresAtMs);
    return caller;
  }

  private async verifyFully(token: string): Promise<{ caller: Caller; expiresAtMs: number }> {
    const payload = await this.verifiedPayload(token);
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new UnauthorizedError('The token has no subject', 'invalid_token');
    }
    const badSubject = boundViolation(BOUNDS.id, payload.sub);
    if (badSubject !== undefined) {
      throw new UnauthorizedError(`The token's subject ${badSubject}`, 'invalid_token');
    }
    this.refuseLongLived(payload);
    const role = payload[this.config.roleClaim];
    if (!isRole(role)) {
      throw new UnauthorizedError(
        `The token's "${this.config.roleClaim}" claim must be one of ${ROLES.join(', ')}`,
        'invalid_token',
      );
    }
    // jose refused a token without a numeric exp (requiredClaims).
    return { caller: { sub: payload.sub, role }, expiresAtMs: (payload.exp as number) * 1000 };
  }

  /** `exp` is present (jose checked it is in the future); here, that it is not too far. */
  private refuseLongLived(payload: JWTPayload): void {
    const maxTtl = this.config.maxTtlSeconds ?? DEFAULT_JWT_MAX_TTL_SECONDS;
    const tolerance = this.options.clockToleranceSeconds ?? 5;
    const now = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    const exp = payload.exp as number;
    const issued = typeof payload.iat === 'number' ? payload.iat : now;
    if (exp - now > maxTtl + tolerance || exp - issued > maxTtl + tolerance) {
      throw new UnauthorizedError(
        `The token is valid for longer than the ${maxTtl} seconds the server accepts (JWT_MAX_TTL)`,
        'invalid_token',
      );
    }
  }

  private async verifiedPayload(token: string): Promise<JWTPayload> {
    const verifyOptions = {
      requiredClaims: ['exp'],
      ...(this.options.now === undefined ? {} : { currentDate: new Date(this.options.now()) }),
      algorithms: this.algorithms,
      issuer: this.config.issuer,
      audience: this.config.audience,
      clockTolerance: this.options.clockToleranceSeconds ?? 5,
    };
    try {
      // Two calls because jose types the key and the key-resolver overloads separately.
      const result =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, verifyOptions)
          : await jwtVerify(token, this.key, verifyOptions);
      return result.payload;
    } catch (error) {
      throw translate(error);
    }
  }
}

function translate(error: unknown): Error {
  if (error instanceof errors.JWTExpired)
    return new UnauthorizedError('The token has expired', 'invalid_token');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') {
    return new UnauthorizedError(
      'The token has no expiry (exp): it would live for ever',
      'invalid_token',
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new UnauthorizedError(
      `The token's "${error.claim}" claim is not accepted`,
      'invalid_token',
    );
  }
  // jose 5 throws its generic JOSEError only when fetching the key set (non-200, not JSON):
  // like a timeout or a malformed set, that is the provider's fault, not the token's.
  const unavailable =
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC');
  if (unavailable) return new AuthUnavailableError({ cause: error });
  if (error instanceof errors.JOSEError)
    return new UnauthorizedError('The token is not valid', 'invalid_token');
  // Anything else comes from fetching the key set (network, HTTP status): the provider's fault.
  return new AuthUnavailableError({ cause: error });
}
