import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SessionNotFoundError } from '@app/domain';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type AuditLedger, exportLines, verifyEvidence, type VerificationReport } from '@app/audit';
import { type Caller, CurrentCaller, Public, Roles } from '@app/platform';
import { Inject } from '@nestjs/common';
import { STORES, type Stores } from '../composition/stores';
import { SessionIdParams } from '../http';
import { AuditKeys } from './audit-signer';
import { auditLedgerOf, verifySession, type SessionVerification } from './session-verification';

const JSON_LINES = 'application/jsonl';

/** The audit's endpoints (docs/audit.md): the seals' public key and verifications. */
@ApiTags('audit')
@Controller('api/v1')
export class AuditController {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly keys: AuditKeys,
  ) {}

  @Get('audit/public-key')
  @Public()
  @Header('content-type', 'application/x-pem-file')
  @ApiOperation({ summary: "The seals' Ed25519 public key (SPKI PEM). Anyone, no token." })
  @ApiProduces('application/x-pem-file')
  @ApiResponse({ status: 200, description: 'SPKI PEM', schema: { type: 'string' } })
  publicKey(): string {
    return this.keys.signer().publicKeyPem;
  }

  @Get('sessions/:id/verification')
  @ApiBearerAuth()
  @Roles('professional', 'auditor', 'admin')
  @ApiOperation({
    summary:
      "Verifies a session's history against its hash chain and the signed seals. Owner, auditor, admin.",
  })
  @ApiResponse({
    status: 200,
    description: 'verified, unchained-prefix, not-yet-sealed or the first broken link',
  })
  @ApiResponse({ status: 404, description: "No such session, or another professional's" })
  session(
    @Param() { id }: SessionIdParams,
    @CurrentCaller() caller: Caller,
  ): Promise<SessionVerification> {
    return verifySession(this.ledger(), id, caller);
  }

  @Get('admin/audit/verification')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiOperation({ summary: 'Verifies the whole log (the CLI on the embedded default). Admin.' })
  @ApiResponse({ status: 200, description: 'The report over every stream and seal' })
  async log(): Promise<VerificationReport> {
    return verifyEvidence(await this.ledger().logEvidence());
  }

  @Get('admin/audit/sessions/:id/export')
  @ApiBearerAuth()
  @Roles('admin')
  @ApiOperation({
    summary:
      "A session's verifiable export (JSON Lines: events as stored, seals, inclusion proofs). Admin: it holds the stored events, private notes included.",
  })
  @ApiProduces(JSON_LINES)
  @ApiResponse({
    status: 200,
    description: 'JSON Lines (docs/audit.md, "Export")',
    schema: { type: 'string' },
  })
  @ApiResponse({ status: 404, description: 'Nothing of the session exists' })
  async export(
    @Param() { id }: SessionIdParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const evidence = await this.ledger().sessionEvidence(id);
    if (evidence === undefined) throw new SessionNotFoundError(id);
    void reply.type(JSON_LINES);
    return `${exportLines(id, evidence).join('\n')}\n`;
  }

  private loaded: AuditLedger | undefined;

  private ledger(): AuditLedger {
    this.loaded ??= auditLedgerOf(this.stores, this.keys.signer().publicKeyPem);
    return this.loaded;
  }
}
