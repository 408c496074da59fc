import { RequestValidationError } from '@app/platform';

/** `to` must come after `from` (both already valid instants). */
export function assertRange(from: string, to: string): void {
  if (Date.parse(to) <= Date.parse(from)) {
    throw new RequestValidationError([{ field: 'to', message: 'to must be after from' }]);
  }
}
