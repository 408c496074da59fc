import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument } from '../openapi';

export const DOCS_PATH = 'api/docs';

/** The OpenAPI UI at /api/docs and its document at /api/docs-json (no token needed). */
export function setUpOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
  });
}
