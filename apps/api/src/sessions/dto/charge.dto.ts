import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { CHARGE_METHODS, type ChargeMethod } from '@app/domain';
import { AbsentWhen, OptionalDefined } from '../../http/validators';

export class ChargeDto {
  @ApiProperty({ enum: CHARGE_METHODS, example: 'card' })
  @IsIn(CHARGE_METHODS)
  method!: ChargeMethod;

  @ApiPropertyOptional({
    description: 'Minor units, 1 up to the fee (default: the fee); never with sponsored-credits',
    minimum: 1,
    example: 12000,
  })
  @OptionalDefined()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  @AbsentWhen(
    'method',
    'sponsored-credits',
    'a sponsored-credits charge takes no amountMinor: it charges the session credits',
  )
  amountMinor?: number;
}
