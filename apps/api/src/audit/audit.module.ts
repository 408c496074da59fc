import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** GET /api/v1/audit/public-key, /sessions/{id}/verification, /admin/audit/verification. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
