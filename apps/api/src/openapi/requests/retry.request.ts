import { BOUNDS } from '@app/domain';
import { closedObject, component } from '../json-schema';

/** Body of POST /admin/projections/{name}/retry: one set-aside session, or all of them. */
export const RETRY_REQUEST = component(
  'RetryRequest',
  closedObject(
    {
      sessionId: {
        type: 'string',
        minLength: BOUNDS.id.minLength,
        maxLength: BOUNDS.id.maxLength,
        description: 'The set-aside session to retry; absent: every session set aside',
      },
    },
    [],
  ),
);
