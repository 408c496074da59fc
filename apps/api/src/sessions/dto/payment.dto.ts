import { ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { type PaymentKind, REQUEST_BOUNDS, schemaOf } from '@app/domain';
import { AbsentWhen, Bounded, Within } from '../../http/validators';

const FIELDS = REQUEST_BOUNDS.scheduleSession;

/**
 * `{"kind": "direct"}` or `{"kind": "sponsored-credits", "credits": n}`, told apart by `kind`:
 * credits are required with sponsored-credits and refused with direct.
 */
export class PaymentDto {
  @Bounded(FIELDS['payment.kind'], { example: 'direct' })
  kind!: PaymentKind;

  @ApiPropertyOptional({
    ...schemaOf(FIELDS['payment.credits']),
    description: 'Only with sponsored-credits',
    example: 2,
  })
  @ValidateIf(
    (payment: PaymentDto) => payment.kind === 'sponsored-credits' || payment.credits !== undefined,
  )
  @Within(FIELDS['payment.credits'])
  @AbsentWhen('kind', 'direct', 'credits is accepted only with kind sponsored-credits')
  credits?: number;
}
