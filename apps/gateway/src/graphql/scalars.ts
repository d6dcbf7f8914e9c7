import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const MONEY_DESCRIPTION = [
  'An amount of money in the currency of its order: a decimal number at the currency’s precision (12.34 EUR,',
  '1234 JPY), exactly as the REST API writes it. Services keep integer minor units and round half up once,',
  'when they write the view; the gateway never computes with amounts. Accepted as a number or a decimal string.',
].join(' ');

const DECIMAL = /^-?\d{1,15}(\.\d{1,3})?$/;

function parseMoney(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value);
  throw new GraphQLError('Money must be a decimal number such as 12.34 (at most 3 decimals).', { extensions: { code: 'BAD_USER_INPUT' } });
}

export const MoneyScalar = new GraphQLScalarType<number, number>({
  name: 'Money',
  description: MONEY_DESCRIPTION,
  serialize: (value) => value as number,
  parseValue: parseMoney,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT || ast.kind === Kind.STRING) return parseMoney(ast.kind === Kind.STRING ? ast.value : Number(ast.value));
    throw new GraphQLError('Money must be a number or a decimal string.', { extensions: { code: 'BAD_USER_INPUT' } });
  },
});
