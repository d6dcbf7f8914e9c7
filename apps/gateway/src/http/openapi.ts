import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

export const schemaRef = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } });

/**
 * OpenAPI at /api/docs and /api/docs-json, from the controllers' decorators and, for request bodies,
 * from the very class-validator DTOs that validate them, so the document cannot drift from the checks.
 */
export function setUpOpenApi(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('OMS gateway')
    .setDescription('Order management REST API. Errors are application/problem+json (RFC 9457).')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: {
      ...(document.components?.schemas ?? {}),
      ...(validationMetadatasToSchemas({ classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/components/schemas/' }) as object),
    },
  };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
