import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { PAYMENT_KINDS, type PaymentKind } from '@app/domain';
import { AbsentWhen } from '../../http/validators';

/**
 * `{"kind": "direct"}` or `{"kind": "sponsored-credits", "credits": n}`, told apart by `kind`:
 * credits are required with sponsored-credits and refused with direct.
 */
export class PaymentDto {
  @ApiProperty({ enum: PAYMENT_KINDS, example: 'direct' })
  @IsIn(PAYMENT_KINDS)
  kind!: PaymentKind;

  @ApiPropertyOptional({ description: 'Only with sponsored-credits', minimum: 1, example: 2 })
  @ValidateIf(
    (payment: PaymentDto) => payment.kind === 'sponsored-credits' || payment.credits !== undefined,
  )
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  @AbsentWhen('kind', 'direct', 'credits is accepted only with kind sponsored-credits')
  credits?: number;
}
