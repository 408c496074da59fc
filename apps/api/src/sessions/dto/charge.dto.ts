import { type ChargeMethod, REQUEST_BOUNDS } from '@app/domain';
import { AbsentWhen, Bounded, OptionalBounded } from '../../http/validators';

const FIELDS = REQUEST_BOUNDS.cancelSession;

export class ChargeDto {
  @Bounded(FIELDS['charge.method'], { example: 'card' })
  method!: ChargeMethod;

  @OptionalBounded(FIELDS['charge.amountMinor'], {
    description: 'Minor units, up to the fee (default: the fee); never with sponsored-credits',
    example: 12000,
  })
  @AbsentWhen(
    'method',
    'sponsored-credits',
    'a sponsored-credits charge takes no amountMinor: it charges the session credits',
  )
  amountMinor?: number;
}
