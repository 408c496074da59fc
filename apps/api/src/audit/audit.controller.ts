import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { verifyEvidence, type VerificationReport } from '@app/audit';
import { type Caller, CurrentCaller, Public, Roles } from '@app/platform';
import { Inject } from '@nestjs/common';
import { STORES, type Stores } from '../composition/stores';
import { SessionIdParams } from '../http';
import { AuditKeys } from './audit-signer';
import { auditLedgerOf, verifySession, type SessionVerification } from './session-verification';

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

  private ledger() {
    return auditLedgerOf(this.stores, this.keys.signer().publicKeyPem);
  }
}
