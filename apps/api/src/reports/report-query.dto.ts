import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { REQUEST_BOUNDS } from '@app/domain';
import type { ReportGroupBy } from '@app/application';
import { Bounded, OptionalBounded, OptionalDefined } from '../http/validators';
import { MinPositionDto } from '../sessions/dto';

const FIELDS = REQUEST_BOUNDS.reportQuery;
const GROUP_BY: readonly ReportGroupBy[] = ['reason', 'professional', 'day'];

export class ReportQueryDto extends MinPositionDto {
  @Bounded(FIELDS.from, { description: 'YYYY-MM-DD in tz, inclusive.', example: '2026-12-01' })
  from!: string;

  @Bounded(FIELDS.to, { description: 'YYYY-MM-DD in tz, exclusive.', example: '2027-01-01' })
  to!: string;

  @OptionalBounded(FIELDS.tz, {
    description: 'IANA time zone (default UTC)',
    example: 'Europe/Paris',
  })
  tz?: string;

  @OptionalBounded(FIELDS.professionalId, {
    description: "A professional's own figures are forced",
    example: 'pro-42',
  })
  professionalId?: string;

  @ApiPropertyOptional({ enum: GROUP_BY, example: 'reason' })
  @OptionalDefined()
  @IsIn(GROUP_BY)
  groupBy?: ReportGroupBy;
}
