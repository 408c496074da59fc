import { REQUEST_BOUNDS } from '@app/domain';
import { Bounded } from '../../http/validators';

const FIELDS = REQUEST_BOUNDS.scheduleSession;

export class FeeDto {
  @Bounded(FIELDS['fee.amountMinor'], {
    description: 'Integer minor units (cents; yen for JPY)',
    example: 12000,
  })
  amountMinor!: number;

  @Bounded(FIELDS['fee.currency'], { description: 'ISO 4217 code', example: 'EUR' })
  currency!: string;
}
