import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'api/docs';

/**
 * The OpenAPI document at /api/docs-json and its UI at /api/docs (no token needed). Without the UI
 * (jest cannot load @fastify/static's ESM dependency `content-disposition`), /api/docs answers
 * the document itself.
 */
export function setUpOpenApi(app: INestApplication, options: { ui: boolean } = { ui: true }): void {
  const config = new DocumentBuilder()
    .setTitle('Session cancellation API')
    .setDescription(
      'Schedule, cancel and delete therapy sessions; calendar, reports, history. Errors are RFC 9457 problem+json. ' +
        'Get a development token with `npm run token -- --role professional --sub <id>`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  if (options.ui) {
    SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
    return;
  }
  SwaggerModule.setup(DOCS_PATH, app, document, {
    swaggerUiEnabled: false,
    jsonDocumentUrl: DOCS_PATH,
    yamlDocumentUrl: `${DOCS_PATH}-yaml`,
  });
}
