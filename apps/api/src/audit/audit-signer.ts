import { SealKeyMissingError, sealKeyPem, sealSignerFromPem, type SealSigner } from '@app/audit';
import { type AppConfig, StartupError } from '@app/platform';

/** The seals' signer from the configuration (sealKeyPem says where the key comes from). */
export function loadSealSigner(
  config: Pick<AppConfig, 'nodeEnv' | 'dataDir'>,
  env: NodeJS.ProcessEnv = process.env,
): SealSigner {
  try {
    return sealSignerFromPem(sealKeyPem({ nodeEnv: config.nodeEnv, dataDir: config.dataDir, env }));
  } catch (error) {
    if (error instanceof SealKeyMissingError) throw new StartupError(error.variable, error.message);
    const variable = env.AUDIT_SIGNING_KEY ? 'AUDIT_SIGNING_KEY' : 'AUDIT_SIGNING_KEY_FILE';
    throw new StartupError(variable, `no Ed25519 private key: ${(error as Error).message}`);
  }
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
