import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { JwtConfig } from '../config/app-config';
import { UnauthorizedError } from '../errors/application-errors';
import { AuthUnavailableError } from './auth-unavailable-error';
import type { Caller } from './caller';
import { isRole, ROLES } from './role';

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
}

/**
 * Verifies a bearer token and turns it into a Caller, or throws UnauthorizedError saying why.
 * HS256 with a shared secret, or any asymmetric key from a JWKS URL (keys cached and refreshed
 * by jose when an unknown `kid` appears).
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

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
  }

  async verify(token: string): Promise<Caller> {
    const payload = await this.verifiedPayload(token);
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new UnauthorizedError('The token has no subject', 'invalid_token');
    }
    const role = payload[this.config.roleClaim];
    if (!isRole(role)) {
      throw new UnauthorizedError(
        `The token's "${this.config.roleClaim}" claim must be one of ${ROLES.join(', ')}`,
        'invalid_token',
      );
    }
    return { sub: payload.sub, role };
  }

  private async verifiedPayload(token: string): Promise<JWTPayload> {
    const verifyOptions = {
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
