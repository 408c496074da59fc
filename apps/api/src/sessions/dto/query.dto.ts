import { ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { REQUEST_BOUNDS } from '@app/domain';
import {
  IsPosition,
  OptionalBounded,
  OptionalDefined,
  POSITION_PATTERN,
} from '../../http/validators';

/** A stream version, as the query string carries it. */
const VERSION = /^(0|[1-9][0-9]{0,14})$/;

/** `minPosition` of any query: read your own writes. */
export class MinPositionDto {
  @ApiPropertyOptional({
    description: 'Wait (bounded) until the read model applied this position',
    example: '4711',
    pattern: POSITION_PATTERN.source,
  })
  @OptionalDefined()
  @IsPosition()
  minPosition?: string;
}

/** GET /sessions/{id}/state: exactly one of `at` and `version`. */
export class SessionStateQueryDto extends MinPositionDto {
  @OptionalBounded(REQUEST_BOUNDS.stateQuery.at, {
    description: 'ISO-8601 instant with an offset.',
    example: '2026-12-01T08:00:00Z',
  })
  at?: string;

  @ApiPropertyOptional({
    description: 'Stream version (0 = the first event)',
    example: '1',
    pattern: VERSION.source,
  })
  @OptionalDefined()
  @Matches(VERSION, { message: 'version must be an integer >= 0' })
  version?: string;
}
