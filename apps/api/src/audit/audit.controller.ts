import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SessionNotFoundError } from '@app/domain';
import { ApiTags } from '@nestjs/swagger';
import { type AuditLedger, exportLines, verifyEvidence, type VerificationReport } from '@app/audit';
import { type Caller, CurrentCaller, Public, Roles } from '@app/platform';
import { Inject } from '@nestjs/common';
import { STORES, type Stores } from '../composition/stores';
import { SessionIdParams } from '../http';
import {
  ApiContract,
  GET_AUDIT_PUBLIC_KEY,
  GET_LOG_VERIFICATION,
  GET_SESSION_EXPORT,
  GET_SESSION_VERIFICATION,
} from '../openapi';
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
  @ApiContract(GET_AUDIT_PUBLIC_KEY)
  publicKey(): string {
    return this.keys.signer().publicKeyPem;
  }

  @Get('sessions/:id/verification')
  @Roles('professional', 'auditor', 'admin')
  @ApiContract(GET_SESSION_VERIFICATION)
  session(
    @Param() { id }: SessionIdParams,
    @CurrentCaller() caller: Caller,
  ): Promise<SessionVerification> {
    return verifySession(this.ledger(), id, caller);
  }

  @Get('admin/audit/verification')
  @Roles('admin')
  @ApiContract(GET_LOG_VERIFICATION)
  async log(): Promise<VerificationReport> {
    return verifyEvidence(await this.ledger().logEvidence());
  }

  @Get('admin/audit/sessions/:id/export')
  @Roles('admin')
  @ApiContract(GET_SESSION_EXPORT)
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
