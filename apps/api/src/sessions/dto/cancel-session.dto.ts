import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, ValidateNested } from 'class-validator';
import { CANCELLATION_REASONS, type CancellationReason, MAX_NOTE_LENGTH } from '@app/domain';
import { IsNoteForReason, OptionalDefined } from '../../http/validators';
import { ChargeDto } from './charge.dto';

export class CancelSessionDto {
  @ApiProperty({ enum: CANCELLATION_REASONS, example: 'cancelled-by-client' })
  @IsIn(CANCELLATION_REASONS)
  reason!: CancellationReason;

  @ApiPropertyOptional({
    description: `Required with reason other (1 to ${MAX_NOTE_LENGTH} characters), refused otherwise; private to the professional`,
    maxLength: MAX_NOTE_LENGTH,
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
