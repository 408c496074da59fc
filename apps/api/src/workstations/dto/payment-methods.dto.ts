import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn } from 'class-validator';
import { WORKSTATION_PAYMENT_METHODS, type WorkstationPaymentMethod } from '@app/domain';

export class PaymentMethodsDto {
  @ApiProperty({
    enum: WORKSTATION_PAYMENT_METHODS,
    isArray: true,
    description: 'The methods enabled; sponsored-credits is not a workstation method',
    example: ['card', 'invoice'],
  })
  @IsArray()
  @ArrayMaxSize(WORKSTATION_PAYMENT_METHODS.length)
  @ArrayUnique()
  @IsIn(WORKSTATION_PAYMENT_METHODS, { each: true })
  methods!: WorkstationPaymentMethod[];
}
