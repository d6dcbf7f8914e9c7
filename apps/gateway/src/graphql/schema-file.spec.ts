import { readFileSync } from 'node:fs';
import { printGatewaySchema, SCHEMA_FILE } from './schema-file';

describe('schema.graphql', () => {
  it('is the schema the resolvers make (npm run graphql:schema rewrites it)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printGatewaySchema());
  });
});
