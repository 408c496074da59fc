import type { OperationContract } from '../api-contract.decorator';
import { SESSION_VERIFICATION, VERIFICATION_REPORT } from '../schemas/verification-report.schema';

const ADMIN = { roles: 'admin', names: ['admin'] };

export const GET_AUDIT_PUBLIC_KEY: OperationContract = {
  summary: "The seals' Ed25519 public key",
  description: 'SPKI PEM: what `audit verify-export --public-key` checks an export with.',
  audience: { roles: 'anyone, no token', names: ['anyone'] },
  public: true,
  answers: [
    {
      status: 200,
      description: 'The public key, SPKI PEM',
      schema: { type: 'string' },
      mediaType: 'application/x-pem-file',
    },
  ],
  problems: {},
};

export const GET_SESSION_VERIFICATION: OperationContract = {
  summary: "Verifies a session's history against its hash chain and the signed seals",
  description:
    'Merkle inclusion proofs against the seals, not a scan of the log (docs/audit.md, "Verification").',
  audience: {
    roles: "professional (their own sessions; another professional's is a 404), auditor, admin",
    names: ['professional', 'auditor', 'admin'],
  },
  answers: [
    {
      status: 200,
      description: 'verified, unchained-prefix, not-yet-sealed, or the first broken link',
      schema: SESSION_VERIFICATION,
    },
  ],
  problems: {
    401: true,
    403: true,
    404: "Nothing of the session exists, or another professional's",
  },
  unavailable: 'the event store is unreachable',
};

export const GET_LOG_VERIFICATION: OperationContract = {
  summary: 'Verifies the whole log',
  description: 'What the CLI uses on the embedded default (the folder belongs to the app).',
  audience: ADMIN,
  answers: [
    {
      status: 200,
      description: 'The report over every stream and seal',
      schema: VERIFICATION_REPORT,
    },
  ],
  problems: { 401: true, 403: true },
  unavailable: 'the event store is unreachable',
};

export const GET_SESSION_EXPORT: OperationContract = {
  summary: "A session's verifiable export",
  description:
    'JSON Lines: the events as stored with their hashes, the covering seals and the inclusion proofs (docs/audit.md, "Export"). It holds the stored events, private notes included.',
  audience: ADMIN,
  answers: [
    {
      status: 200,
      description: 'JSON Lines',
      schema: { type: 'string' },
      mediaType: 'application/jsonl',
    },
  ],
  problems: { 401: true, 403: true, 404: 'Nothing of the session exists' },
  unavailable: 'the event store is unreachable',
};
