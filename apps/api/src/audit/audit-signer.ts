import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSealKeyPem, sealSignerFromPem, type SealSigner } from '@app/audit';
import { type AppConfig, StartupError } from '@app/platform';

export const AUDIT_SIGNER = Symbol('AUDIT_SIGNER');

/** The development key's file in DATA_DIR. */
export const DEV_KEY_FILE = 'audit-signing-key.pem';

/**
 * The seals' Ed25519 key (docs/audit.md, "Keys"): AUDIT_SIGNING_KEY (a PKCS#8 PEM) or
 * AUDIT_SIGNING_KEY_FILE (a path to one); required in production. Elsewhere, without either, a
 * development key is generated once into DATA_DIR (mode 0600) and kept there; under
 * NODE_ENV=test, a key of the process's own.
 */
export function loadSealSigner(
  config: Pick<AppConfig, 'nodeEnv' | 'dataDir'>,
  env: NodeJS.ProcessEnv = process.env,
): SealSigner {
  const inline = env.AUDIT_SIGNING_KEY?.replace(/\\n/g, '\n');
  const file = env.AUDIT_SIGNING_KEY_FILE;
  try {
    if (inline) return sealSignerFromPem(inline);
    if (file) return sealSignerFromPem(readFileSync(file, 'utf8'));
  } catch (error) {
    const variable = inline ? 'AUDIT_SIGNING_KEY' : 'AUDIT_SIGNING_KEY_FILE';
    throw new StartupError(variable, `not an Ed25519 private key: ${(error as Error).message}`);
  }
  if (config.nodeEnv === 'production') {
    throw new StartupError(
      'AUDIT_SIGNING_KEY',
      'production needs the seals signing key (AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE)',
    );
  }
  // Tests without a key sign with one of their own, kept nowhere.
  if (config.nodeEnv === 'test') return sealSignerFromPem(generateSealKeyPem());
  const path = join(config.dataDir, DEV_KEY_FILE);
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(path, generateSealKeyPem(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return sealSignerFromPem(readFileSync(path, 'utf8'));
}

/** The signer, loaded on first use (the sealer's start, the public key's first request). */
export class AuditKeys {
  private loaded: SealSigner | undefined;

  constructor(private readonly config: Pick<AppConfig, 'nodeEnv' | 'dataDir'>) {}

  signer(): SealSigner {
    this.loaded ??= loadSealSigner(this.config);
    return this.loaded;
  }
}
