import { randomBytes } from 'node:crypto';
// The config folder alone, not the library's index: scripts/start.js loads this file from source
// to check the configuration before compiling, and the index would pull in NestJS.
import type { AppConfig } from '@app/platform/config/app-config';
import { loadConfig } from '@app/platform/config/load-config';

/** The projector's HTTP port (health and metrics) when PORT is not set: beside the API's 3000. */
export const DEFAULT_PROJECTOR_PORT = 3001;

/**
 * The shared configuration, read for the projector. The projector verifies no token, so it does
 * not need the JWT settings the API must have outside the embedded default: without any, a
 * random secret nobody knows satisfies the validation (and signs nothing).
 */
export function loadProjectorConfig(env: NodeJS.ProcessEnv): AppConfig {
  const withJwt =
    (env.JWT_SECRET ?? '') === '' && (env.JWT_JWKS_URL ?? '') === ''
      ? { ...env, JWT_SECRET: randomBytes(32).toString('hex') }
      : env;
  const config = loadConfig(withJwt);
  const portSet = (env.PORT ?? '').trim() !== '';
  return portSet ? config : { ...config, port: DEFAULT_PROJECTOR_PORT };
}
