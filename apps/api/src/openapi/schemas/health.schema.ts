import { closedObject, component } from '../json-schema';

/** GET /health/ready: 503 exactly when `status` is `down`. */
export const READINESS = component(
  'Readiness',
  closedObject(
    {
      status: { type: 'string', enum: ['ok', 'degraded', 'down'] },
      checks: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: {
            state: { type: 'string', enum: ['up', 'degraded', 'down', 'standby'] },
            reason: { type: 'string' },
          },
          required: ['state'],
        },
      },
    },
    ['status', 'checks'],
  ),
);

/** GET /health/live: the process answers. */
export const LIVENESS = component(
  'Liveness',
  closedObject({ status: { const: 'ok' } }, ['status']),
);
