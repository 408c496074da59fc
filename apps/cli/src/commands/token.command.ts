import { decodeJwt } from 'jose';
import {
  ConfigError,
  DEV_JWT_SECRET,
  isRole,
  jwtMaxTtlSeconds,
  ROLES,
  signDevToken,
} from '@app/platform';
import { type CliCommand, EXIT_FAILURE, EXIT_OK } from '../command';
import { parseCommandLine } from '../parse-command-line';
import { UsageError } from '../usage-error';

const HELP = `Usage: cli token --role <${ROLES.join('|')}> --sub <id> [--ttl <span>]

Prints a development JWT (HS256) for the running system.

Flags:
  --role <role>        ${ROLES.join(', ')} (required)
  --sub <id>           the caller's id, e.g. the professional's id (required)
  --ttl <span>         lifetime such as 30m, 8h, 1d (default 8h, or JWT_MAX_TTL if shorter)
  --expires-in <span>  the former name of --ttl, still accepted
  -h, --help           this help

Environment (the same variables the server reads):
  JWT_SECRET       signing secret; the development default when unset
  JWT_ISSUER       sets "iss" when the server checks it
  JWT_AUDIENCE     sets "aud" when the server checks it
  JWT_ROLE_CLAIM   claim carrying the role (default "role")
  JWT_MAX_TTL      the longest lifetime the server accepts (default 24h)
With JWT_JWKS_URL and no JWT_SECRET the server only trusts its identity provider: no token is printed.`;

const DEFAULT_TTL_SECONDS = 8 * 3600;

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'print a development JWT for a role and subject',
  help: HELP,
  async run(args, io) {
    const { flags } = parseCommandLine(args, {
      role: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      'expires-in': { type: 'string' },
    });
    if (flags.ttl !== undefined && flags['expires-in'] !== undefined) {
      throw new UsageError('give --ttl or its old name --expires-in, not both');
    }
    const ttl = flags.ttl ?? flags['expires-in'];
    const ttlFlag = flags.ttl !== undefined ? '--ttl' : '--expires-in';
    const missing = (['role', 'sub'] as const).filter(
      (flag) => flags[flag] === undefined || flags[flag] === '',
    );
    if (missing.length > 0)
      throw new UsageError(`missing ${missing.map((flag) => `--${flag}`).join(' and ')}`);
    if (!isRole(flags.role))
      throw new UsageError(
        `--role must be one of ${ROLES.join(', ')} (got "${String(flags.role)}")`,
      );

    const env = (name: string): string | undefined => {
      const value = io.env[name]?.trim();
      return value === '' ? undefined : value;
    };
    const secret = env('JWT_SECRET');
    if (secret === undefined && env('JWT_JWKS_URL') !== undefined) {
      io.err(
        'token: JWT_JWKS_URL is set, so the server trusts only its identity provider; ask it for a token.',
      );
      return EXIT_FAILURE;
    }
    let maxTtl: number;
    try {
      maxTtl = jwtMaxTtlSeconds(io.env);
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.problems.join('; '));
      throw error;
    }
    let token: string;
    try {
      token = await signDevToken(
        {
          sub: flags.sub as string,
          role: flags.role,
          // 8 h by default (a working day), shorter when JWT_MAX_TTL is.
          expiresIn: ttl ?? `${Math.min(DEFAULT_TTL_SECONDS, maxTtl)}s`,
          issuer: env('JWT_ISSUER'),
          audience: env('JWT_AUDIENCE'),
          roleClaim: env('JWT_ROLE_CLAIM'),
        },
        secret ?? DEV_JWT_SECRET,
      );
    } catch (error) {
      // jose validates the time span; its message is the clearest we can give.
      if (error instanceof TypeError) throw new UsageError(`${ttlFlag}: ${error.message}`);
      throw error;
    }
    const claims = decodeJwt(token);
    const lifetime = (claims.exp ?? 0) - (claims.iat ?? 0);
    if (lifetime <= 0 || lifetime > maxTtl) {
      throw new UsageError(
        `${ttlFlag} ${String(ttl)} is ${lifetime} seconds; the server accepts tokens of 1 to ${maxTtl} seconds (JWT_MAX_TTL)`,
      );
    }
    if (secret === undefined) {
      // stderr, so `$(npm run -s token -- ...)` still captures only the token.
      io.err(
        'token: JWT_SECRET is not set: signed with the development default (accepted only by an embedded, non-production server).',
      );
    }
    io.out(token);
    return EXIT_OK;
  },
};
