import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsCurrency } from '../../http/validators';

export class FeeDto {
  @ApiProperty({
    description: 'Integer minor units (cents; yen for JPY)',
    minimum: 0,
    example: 12000,
  })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountMinor!: number;

  @ApiProperty({ description: 'ISO 4217 code', example: 'EUR' })
  @IsCurrency()
  currency!: string;
}
