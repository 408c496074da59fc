import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { RequestValidationError } from './application-errors';
import { flattenValidationErrors } from './flatten-validation-errors';

/**
 * The global validation pipe: unknown fields are a 400 (docs/product.md), every bad field is named,
 * and payloads are turned into their DTO classes. No implicit conversion: a string where a
 * number is expected is a wrong type, not something to coerce; query DTOs convert explicitly.
 */
export function createValidationPipe(overrides: ValidationPipeOptions = {}): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
    ...overrides,
  });
}
