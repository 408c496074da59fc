import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { signedText, type LogSealedData, type SealBody } from './log-sealed';

/** The Ed25519 key a sealer signs with. */
export interface SealSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  sign(body: SealBody): string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function generateSealKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** A signer from a PKCS#8 PEM Ed25519 private key; throws for anything else. */
export function sealSignerFromPem(privateKeyPem: string): SealSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(
      `The audit signing key must be Ed25519, not ${String(privateKey.asymmetricKeyType)}`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (body) =>
      sign(null, Buffer.from(signedText(body), 'utf8'), privateKey).toString('base64'),
  };
}

/** Whether `seal` carries a valid Ed25519 signature by `publicKeyPem` (SPKI PEM). */
export function sealSignatureValid(seal: LogSealedData, publicKeyPem: string): boolean {
  try {
    const publicKey = createPublicKey(publicKeyPem);
    if (keyIdOf(publicKey) !== seal.keyId) return false;
    // Canonical base64 only: a changed padding bit decodes to the same bytes.
    const signature = Buffer.from(seal.signature, 'base64');
    if (signature.toString('base64') !== seal.signature) return false;
    return verify(null, Buffer.from(signedText(seal), 'utf8'), publicKey, signature);
  } catch {
    return false;
  }
}
