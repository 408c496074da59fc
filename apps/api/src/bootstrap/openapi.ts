import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'api/docs';

/** The OpenAPI UI at /api/docs and its document at /api/docs-json (no token needed). */
export function setUpOpenApi(app: INestApplication): void {
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
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
}
