import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DEFAULT_ROLES, ROLES_EXTENSION } from '../auth/roles';
import viewSchemas from './view-schemas.json';

export const schemaRef = (name: string) => ({ schema: { $ref: `#/components/schemas/${name}` } });

type Schema = { properties?: Record<string, object>; required?: string[] };
type Operation = { security?: unknown[]; description?: string; parameters?: { name: string; in: string }[]; [ROLES_EXTENSION]?: string[] };

/**
 * OpenAPI at /api/docs and /api/docs-json, from the controllers' decorators, from the very
 * class-validator DTOs that validate bodies and queries (so the document cannot drift from the checks),
 * and from the contracts' view types for responses (`@Returns`).
 */
export function setUpOpenApi(app: INestApplication, controllers: Type[]) {
  const config = new DocumentBuilder()
    .setTitle('OMS gateway')
    .setDescription(
      'Order management REST API. Errors are application/problem+json (RFC 9457). Roles: `admin` (staff: everything), ' +
        '`checkout` (the storefront’s back end: places orders at the shop’s prices, reads and cancels them), `customer` ' +
        '(reads and cancels its own orders). Each operation names the roles it accepts (`x-roles`).',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = validationMetadatasToSchemas({ classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/components/schemas/' }) as Record<string, Schema>;
  // request bodies from the validating DTOs, responses from the contracts' view types (tools/view-schemas.mjs)
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(schemas as object), ...(viewSchemas as object) } };
  documentQueries(document, controllers, schemas);
  documentRoles(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

const operationOf = (document: OpenAPIObject, path: string, method: string) =>
  (document.paths[path] as Record<string, Operation> | undefined)?.[method];

/** Every `@Query() dto` becomes one query parameter per DTO property, with its schema and whether it is required. */
function documentQueries(document: OpenAPIObject, controllers: Type[], schemas: Record<string, Schema>) {
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      const routePath = Reflect.getMetadata(PATH_METADATA, handler);
      if (name === 'constructor' || routePath === undefined) continue;
      const path = `/${[base, routePath].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/:(\w+)/g, '{$1}');
      const operation = operationOf(document, path, RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler)].toLowerCase());
      const args: Record<string, { index: number; data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {};
      const types: Type[] = Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? [];
      for (const [key, arg] of Object.entries(args)) {
        if (!operation || Number(key.split(':')[0]) !== RouteParamtypes.QUERY || arg.data !== undefined) continue;
        const schema = schemas[types[arg.index]?.name];
        const documented = new Set((operation.parameters ?? []).map((p) => `${p.in}:${p.name}`));
        const parameters = Object.entries(schema?.properties ?? {})
          .filter(([property]) => !documented.has(`query:${property}`))
          .map(([property, propertySchema]) => ({ name: property, in: 'query', required: schema?.required?.includes(property) ?? false, schema: propertySchema }));
        operation.parameters = [...(operation.parameters ?? []), ...parameters];
      }
    }
  }
}

/** Names the roles of every authenticated operation, in `x-roles` and in its description. */
function documentRoles(document: OpenAPIObject) {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations as Record<string, Operation>)) {
      if (typeof operation !== 'object' || !operation.security) continue;
      const roles = operation[ROLES_EXTENSION] ?? DEFAULT_ROLES;
      operation[ROLES_EXTENSION] = roles;
      operation.description = [operation.description, `Roles: ${roles.join(', ')}.`].filter(Boolean).join('\n\n');
    }
  }
}
