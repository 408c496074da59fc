import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSealKeyPem } from './seal-keys';

/** The development key's file in DATA_DIR. */
export const DEV_SEAL_KEY_FILE = 'audit-signing-key.pem';

export interface SealKeySettings {
  readonly nodeEnv: string;
  readonly dataDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** No usable signing key: names the variable to set. */
export class SealKeyMissingError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'SealKeyMissingError';
  }
}

/**
 * The seals' Ed25519 private key as PKCS#8 PEM (docs/audit.md, "Keys"): AUDIT_SIGNING_KEY (the PEM,
 * `\n` escapes allowed) or AUDIT_SIGNING_KEY_FILE (a path to it); required in production.
 * Elsewhere, without either, a development key generated once into DATA_DIR (mode 0600); under
 * NODE_ENV=test a key of the process's own, kept nowhere.
 */
export function sealKeyPem({ nodeEnv, dataDir, env }: SealKeySettings): string {
  const inline = env.AUDIT_SIGNING_KEY?.replace(/\\n/g, '\n');
  if (inline) return inline;
  const file = env.AUDIT_SIGNING_KEY_FILE;
  if (file) return readFileSync(file, 'utf8');
  if (nodeEnv === 'production') {
    throw new SealKeyMissingError(
      'AUDIT_SIGNING_KEY',
      'production needs the seals signing key (AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE)',
    );
  }
  if (nodeEnv === 'test') return generateSealKeyPem();
  const path = join(dataDir, DEV_SEAL_KEY_FILE);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, generateSealKeyPem(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(path, 'utf8');
}
