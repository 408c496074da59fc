import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { componentSchemas } from './components';
import { describePlatformOperations } from './platform-operations';
import { RESPONSE_HEADERS } from './response-headers';

/** Tags in the order a reader meets them. */
const TAGS: ReadonlyArray<[string, string]> = [
  ['sessions', 'Schedule, cancel and delete sessions; their state and history'],
  ['workstations', "A professional's workstation settings: payment methods"],
  ['calendar', "A professional's calendar (read model)"],
  ['reports', 'Cancellation figures (read model)'],
  ['deletions', 'What remains of deleted sessions: their deletion records'],
  ['admin', 'Operations on the consumers of the log: status, rebuild, retry'],
  ['audit', "Tamper evidence: the seals' public key, verifications and verifiable exports"],
  ['health', 'Liveness and readiness for orchestrators'],
  ['metrics', 'Prometheus metrics'],
];

/**
 * The OpenAPI 3.1 document of the API: Nest's scan of the controllers (paths, parameters, the
 * ApiContract decorators), with the document's own schemas (openapi/schemas and requests,
 * written as JSON Schema 2020-12) in components.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Session cancellation API')
    .setDescription(
      'Schedule, cancel and delete therapy sessions; calendar, reports, history. Errors are RFC 9457 application/problem+json with a stable `type` per error. ' +
        'Get a development token with `npm run token -- --role professional --sub <id>`.',
    )
    .setVersion('1')
    .addServer('http://localhost:{port}', 'A local run (npm start)', {
      port: { default: '3000', description: 'PORT' },
    })
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const config = builder.build();
  config.info.contact = { name: 'The session cancellation team' };
  const document = SwaggerModule.createDocument(app, config);
  describePlatformOperations(document);
  const schemas = { ...document.components?.schemas, ...componentSchemas() };
  return {
    ...document,
    components: { ...document.components, schemas, headers: { ...RESPONSE_HEADERS } },
  };
}
