import { SignJWT } from 'jose';
import type { Role } from './role';

export interface DevTokenClaims {
  sub: string;
  role: Role;
  /** A jose time span such as `8h`, `30m`, `2d`. Default `8h`: a working day. */
  expiresIn?: string;
  issuer?: string;
  audience?: string;
  /** Claim that carries the role (JWT_ROLE_CLAIM). Default `role`. */
  roleClaim?: string;
}

/** Signs an HS256 token for development and tests, shaped as TokenVerifier expects. */
export async function signDevToken(claims: DevTokenClaims, secret: string): Promise<string> {
  let jwt = new SignJWT({ [claims.roleClaim ?? 'role']: claims.role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '8h');
  if (claims.issuer !== undefined) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience !== undefined) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
