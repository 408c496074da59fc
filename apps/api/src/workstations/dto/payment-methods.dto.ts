import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray } from 'class-validator';
import { REQUEST_BOUNDS, type WorkstationPaymentMethod } from '@app/domain';
import { Within } from '../../http/validators';

const METHOD = REQUEST_BOUNDS.configurePaymentMethods['methods[]'];

export class PaymentMethodsDto {
  @ApiProperty({
    enum: METHOD.values,
    isArray: true,
    description: 'The methods enabled; sponsored-credits is not a workstation method',
    example: ['card', 'invoice'],
  })
  @IsArray()
  @ArrayMaxSize(METHOD.values.length)
  @ArrayUnique()
  @Within(METHOD, { each: true })
  methods!: WorkstationPaymentMethod[];
}
