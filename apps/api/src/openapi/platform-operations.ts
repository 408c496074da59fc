import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { LIVENESS, READINESS } from './schemas/health.schema';

/**
 * The operations libs/platform serves (health, metrics) carry no API decorators: that library
 * knows nothing of this document. Their contract is stated here, on the document itself.
 */
const PLATFORM_OPERATIONS: Record<string, OperationObject> = {
  '/health/live': {
    summary: 'Liveness',
    description: 'The process answers; nothing else is asked. No token needed.',
    tags: ['health'],
    responses: {
      200: { description: 'Alive', content: { 'application/json': { schema: LIVENESS.ref } } },
    },
  },
  '/health/ready': {
    summary: 'Readiness',
    description:
      'Each dependency and consumer with its state; 503 exactly when status is down. No token needed.',
    tags: ['health'],
    responses: {
      200: {
        description: 'Ready: ok or degraded',
        content: { 'application/json': { schema: READINESS.ref } },
      },
      503: {
        description: 'Down: the checks say which',
        content: { 'application/json': { schema: READINESS.ref } },
      },
    },
  },
  '/metrics': {
    summary: 'Prometheus metrics',
    description:
      'The Prometheus text format 0.0.4. No token needed; in production served on METRICS_PORT instead.',
    tags: ['metrics'],
    responses: {
      200: {
        description: 'The metrics',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    },
  },
};

export function describePlatformOperations(document: OpenAPIObject): void {
  for (const [path, operation] of Object.entries(PLATFORM_OPERATIONS)) {
    const item = document.paths[path]?.get;
    if (item === undefined) continue;
    document.paths[path] = {
      ...document.paths[path],
      get: { ...operation, operationId: item.operationId, parameters: item.parameters ?? [] },
    };
  }
}
