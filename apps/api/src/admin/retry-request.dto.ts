import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** POST /api/v1/admin/projections/{name}/retry: one set-aside session, or all of them. */
export class RetryRequestDto {
  @ApiPropertyOptional({
    description: 'The set-aside session to retry; absent: every session the consumer set aside',
    minLength: 1,
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  readonly sessionId?: string;
}
