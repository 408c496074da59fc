import { AuditLedger, verifyEvidence, type Evidence, type VerificationReport } from '@app/audit';
import { SessionNotFoundError } from '@app/domain';
import type { Caller } from '@app/platform';
import type { Stores } from '../composition/stores';

export interface SessionVerification extends VerificationReport {
  readonly sessionId: string;
}

/** Whose session the evidence shows: its schedule's professional, else its deletion record's. */
function ownerOf(evidence: Evidence): string | undefined {
  for (const stream of evidence.streams) {
    for (const event of stream.events) {
      const professionalId = (event.data as { professionalId?: unknown }).professionalId;
      if (typeof professionalId === 'string') return professionalId;
    }
  }
  return undefined;
}

export function auditLedgerOf(stores: Stores, publicKeyPem: string): AuditLedger {
  return new AuditLedger(stores.rawEventStore, stores.readModels.executor, publicKeyPem);
}

/**
 * GET /api/v1/sessions/{id}/verification: owner, auditor, admin (another professional's session,
 * or one of which nothing is left: 404).
 */
export async function verifySession(
  ledger: AuditLedger,
  sessionId: string,
  caller: Caller,
): Promise<SessionVerification> {
  const evidence = await ledger.sessionEvidence(sessionId);
  if (evidence === undefined) throw new SessionNotFoundError(sessionId);
  if (caller.role === 'professional' && ownerOf(evidence) !== caller.sub) {
    throw new SessionNotFoundError(sessionId);
  }
  return { sessionId, ...verifyEvidence(evidence) };
}
