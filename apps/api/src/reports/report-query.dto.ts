import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import type { ReportGroupBy } from '@app/read-models';
import { IsIanaTimeZoneName, OptionalDefined } from '../http/validators';
import { MinPositionDto } from '../sessions/dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const GROUP_BY: readonly ReportGroupBy[] = ['reason', 'professional', 'day'];

export class ReportQueryDto extends MinPositionDto {
  @ApiProperty({ description: 'YYYY-MM-DD in tz, inclusive', example: '2026-12-01' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ description: 'YYYY-MM-DD in tz, exclusive', example: '2027-01-01' })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;

  @ApiPropertyOptional({ description: 'IANA time zone (default UTC)', example: 'Europe/Paris' })
  @OptionalDefined()
  @IsIanaTimeZoneName()
  tz?: string;

  @ApiPropertyOptional({
    description: "A professional's own figures are forced",
    example: 'pro-42',
  })
  @OptionalDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  professionalId?: string;

  @ApiPropertyOptional({ enum: GROUP_BY, example: 'reason' })
  @OptionalDefined()
  @IsIn(GROUP_BY)
  groupBy?: ReportGroupBy;
}
