import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_DURATION_MINUTES, MIN_DURATION_MINUTES } from '@app/domain';
import { IsIanaTimeZoneName, IsInstantWithOffset, OptionalDefined } from '../../http/validators';
import { FeeDto } from './fee.dto';
import { PaymentDto } from './payment.dto';

export class ScheduleSessionDto {
  @ApiPropertyOptional({
    description: 'Generated when absent',
    format: 'uuid',
    example: '5d0c2a8e-3f7b-4c1e-9a51-2b6f0d9c7e11',
  })
  @OptionalDefined()
  @IsUUID()
  sessionId?: string;

  @ApiProperty({ description: "The caller's own id for a professional", example: 'pro-42' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  professionalId!: string;

  @ApiProperty({ example: 'client-7' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  clientId!: string;

  @ApiProperty({
    description: 'ISO-8601 instant with an offset',
    example: '2026-12-01T09:00:00+01:00',
  })
  @IsInstantWithOffset()
  startsAt!: string;

  @ApiPropertyOptional({
    description: 'IANA time zone, for display; default UTC',
    example: 'Europe/Paris',
  })
  @OptionalDefined()
  @IsIanaTimeZoneName()
  timeZone?: string;

  @ApiProperty({ minimum: MIN_DURATION_MINUTES, maximum: MAX_DURATION_MINUTES, example: 50 })
  @IsInt()
  @Min(MIN_DURATION_MINUTES)
  @Max(MAX_DURATION_MINUTES)
  durationMinutes!: number;

  @ApiProperty({ type: FeeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => FeeDto)
  fee!: FeeDto;

  @ApiProperty({ type: PaymentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentDto)
  payment!: PaymentDto;
}
