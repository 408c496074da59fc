import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { REQUEST_BOUNDS } from '@app/domain';
import { Bounded, OptionalBounded } from '../../http/validators';
import { FeeDto } from './fee.dto';
import { PaymentDto } from './payment.dto';

const FIELDS = REQUEST_BOUNDS.scheduleSession;

export class ScheduleSessionDto {
  @OptionalBounded(FIELDS.sessionId, {
    description: 'Generated when absent',
    example: '5d0c2a8e-3f7b-4c1e-9a51-2b6f0d9c7e11',
  })
  sessionId?: string;

  @Bounded(FIELDS.professionalId, {
    description: "The caller's own id for a professional",
    example: 'pro-42',
  })
  professionalId!: string;

  @Bounded(FIELDS.clientId, { example: 'client-7' })
  clientId!: string;

  @Bounded(FIELDS.startsAt, {
    description: 'ISO-8601 instant with an offset.',
    example: '2026-12-01T09:00:00+01:00',
  })
  startsAt!: string;

  @OptionalBounded(FIELDS.timeZone, {
    description: 'IANA time zone, for display; default UTC',
    example: 'Europe/Paris',
  })
  timeZone?: string;

  @Bounded(FIELDS.durationMinutes, { example: 50 })
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
