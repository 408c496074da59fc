import { DEV_JWT_SECRET, isRole, ROLES, signDevToken } from '@app/platform';
import { type CliCommand, EXIT_FAILURE, EXIT_OK } from '../command';
import { parseFlags } from '../parse-flags';
import { UsageError } from '../usage-error';

const HELP = `Usage: cli token --role <${ROLES.join('|')}> --sub <id> [--expires-in <span>]

Prints a development JWT (HS256) for the running system.

Flags:
  --role <role>        ${ROLES.join(', ')} (required)
  --sub <id>           the caller's id, e.g. the professional's id (required)
  --expires-in <span>  lifetime such as 30m, 8h, 2d (default 8h)
  -h, --help           this help

Environment (the same variables the server reads):
  JWT_SECRET       signing secret; the development default when unset
  JWT_ISSUER       sets "iss" when the server checks it
  JWT_AUDIENCE     sets "aud" when the server checks it
  JWT_ROLE_CLAIM   claim carrying the role (default "role")
With JWT_JWKS_URL and no JWT_SECRET the server only trusts its identity provider: no token is printed.`;

export const tokenCommand: CliCommand = {
  name: 'token',
  summary: 'print a development JWT for a role and subject',
  help: HELP,
  async run(args, io) {
    const flags = parseFlags(args, {
      role: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string' },
    });
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
    let token: string;
    try {
      token = await signDevToken(
        {
          sub: flags.sub as string,
          role: flags.role,
          expiresIn: flags['expires-in'],
          issuer: env('JWT_ISSUER'),
          audience: env('JWT_AUDIENCE'),
          roleClaim: env('JWT_ROLE_CLAIM'),
        },
        secret ?? DEV_JWT_SECRET,
      );
    } catch (error) {
      // jose validates the time span; its message is the clearest we can give.
      if (error instanceof TypeError) throw new UsageError(`--expires-in: ${error.message}`);
      throw error;
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
