import { REQUEST_BOUNDS } from '@app/domain';
import { MinPositionDto } from '../sessions/dto';
import { Bounded, OptionalBounded } from '../http/validators';

const FIELDS = REQUEST_BOUNDS.instantRangeQuery;

/** A time range [from, to) of instants, with an optional professional. */
export class InstantRangeQueryDto extends MinPositionDto {
  @Bounded(FIELDS.from, {
    description: 'ISO-8601 instant with an offset, inclusive.',
    example: '2026-12-01T00:00:00Z',
  })
  from!: string;

  @Bounded(FIELDS.to, {
    description: 'ISO-8601 instant with an offset, exclusive.',
    example: '2026-12-08T00:00:00Z',
  })
  to!: string;

  @OptionalBounded(FIELDS.professionalId, {
    description: "Required for auditors and admins; a professional's own otherwise",
    example: 'pro-42',
  })
  professionalId?: string;
}
