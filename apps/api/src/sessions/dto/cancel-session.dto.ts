import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, ValidateNested } from 'class-validator';
import { type CancellationReason, REQUEST_BOUNDS, schemaOf } from '@app/domain';
import { Bounded, IsNoteForReason, OptionalDefined } from '../../http/validators';
import { ChargeDto } from './charge.dto';

const FIELDS = REQUEST_BOUNDS.cancelSession;

export class CancelSessionDto {
  @Bounded(FIELDS.reason, { example: 'cancelled-by-client' })
  reason!: CancellationReason;

  @ApiPropertyOptional({
    ...schemaOf(FIELDS.note),
    description: `Required with reason other (1 to ${FIELDS.note.maxLength} characters; tab, CR and LF allowed), refused otherwise; private to the professional`,
    example: 'Moved to next week by phone',
  })
  @IsNoteForReason()
  note?: string;

  @ApiPropertyOptional({ type: ChargeDto })
  @OptionalDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ChargeDto)
  charge?: ChargeDto;

  @ApiPropertyOptional({
    description: 'Request a notification to the client (default true)',
    example: true,
  })
  @OptionalDefined()
  @IsBoolean()
  notifyClient?: boolean;
}
