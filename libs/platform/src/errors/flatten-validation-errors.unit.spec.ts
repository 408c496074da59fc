import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Min,
  ValidateNested,
  validate,
} from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { BODY_FIELD, flattenValidationErrors } from './flatten-validation-errors';

class Charge {
  @IsIn(['card', 'invoice'])
  method!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  amountMinor?: number;
}

class Line {
  @IsString()
  name!: string;
}

class Body {
  @IsIn(['other'])
  reason!: string;

  @ValidateNested()
  @Type(() => Charge)
  charge!: Charge;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

describe('flattenValidationErrors', () => {
  it('names every bad field by its path, nested objects and array items included', async () => {
    const body = plainToInstance(Body, {
      reason: 'x',
      charge: { method: 'cash', amountMinor: 1.5 },
      lines: [{ name: 'ok' }, { name: 3 }],
    });
    const fields = flattenValidationErrors(await validate(body));
    expect(fields.map((f) => f.field)).toEqual([
      'reason',
      'charge.method',
      'charge.amountMinor',
      'lines[1].name',
    ]);
    expect(fields[2]?.message).toContain('amountMinor must be an integer number');
  });

  it('joins several constraints of one field into one entry', async () => {
    const fields = flattenValidationErrors(
      await validate(plainToInstance(Charge, { method: 'card', amountMinor: 0.5 })),
    );
    expect(fields).toEqual([
      {
        field: 'amountMinor',
        message: 'amountMinor must not be less than 1; amountMinor must be an integer number',
      },
    ]);
  });

  it('names the body itself when the error has no property', () => {
    expect(
      flattenValidationErrors([
        { property: '', constraints: { unknownValue: 'bad body' }, children: [] },
      ]),
    ).toEqual([{ field: BODY_FIELD, message: 'bad body' }]);
  });
});
