import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { join } from 'node:path';
import { RESOLVERS } from './resolvers';

/** The committed schema (`npm run graphql:schema` rewrites it; a unit spec fails when it drifts from the resolvers). */
export const SCHEMA_FILE = join(__dirname, 'schema.graphql');

const HEADER = '# Generated from the gateway\'s resolvers by `npm run graphql:schema`; do not edit.\n\n';

/** The schema SDL as the gateway serves it, built from the resolvers' decorators without starting anything. */
export async function printGatewaySchema(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  try {
    await app.init();
    const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
    return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}
