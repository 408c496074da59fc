import { REQUEST_BOUNDS } from '@app/domain';
import { Bounded } from './validators';

/**
 * Path parameters are input like any other: an id with a NUL, a lone surrogate or 201 characters
 * is a 400 naming `id` (after 401 and 403, before the store is read).
 */
export class SessionIdParams {
  @Bounded(REQUEST_BOUNDS.path.id, { description: 'The session id' })
  id!: string;
}

export class ProfessionalIdParams {
  @Bounded(REQUEST_BOUNDS.path.professionalId, { description: "The professional's id" })
  professionalId!: string;
}
