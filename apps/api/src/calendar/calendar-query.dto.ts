import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MinPositionDto } from '../sessions/dto';
import { IsInstantWithOffset, OptionalDefined } from '../http/validators';

/** A time range [from, to) of instants, with an optional professional. */
export class InstantRangeQueryDto extends MinPositionDto {
  @ApiProperty({
    description: 'ISO-8601 instant with an offset, inclusive',
    example: '2026-12-01T00:00:00Z',
  })
  @IsInstantWithOffset()
  from!: string;

  @ApiProperty({
    description: 'ISO-8601 instant with an offset, exclusive',
    example: '2026-12-08T00:00:00Z',
  })
  @IsInstantWithOffset()
  to!: string;

  @ApiPropertyOptional({
    description: "Required for auditors and admins; a professional's own otherwise",
    example: 'pro-42',
  })
  @OptionalDefined()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  professionalId?: string;
}
