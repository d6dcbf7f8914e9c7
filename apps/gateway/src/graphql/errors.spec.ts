import { GraphQLError } from 'graphql';
import pino from 'pino';
import { AppError } from '@oms/platform';
import { formatGraphqlError } from './errors';

const logger = pino({ level: 'silent' });
const format = (error: unknown, formatted: object = { message: 'm', path: ['order'] }) => formatGraphqlError(formatted as never, error, logger);

describe('GraphQL errors', () => {
  it('carry the code of the problem behind them, its detail and field errors', () => {
    expect(format(AppError.validation([{ field: 'notes', message: 'too long' }]))).toMatchObject({
      message: 'The request has invalid fields.', path: ['order'], extensions: { code: 'BAD_USER_INPUT', problem: { status: 400, errors: [{ field: 'notes' }] } },
    });
    const codes = [401, 403, 404, 409, 503, 504].map((status) => format(new AppError(status, 'x', 'detail')).extensions?.code);
    expect(codes).toEqual(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE', 'SERVICE_TIMEOUT']);
  });

  it('keep GraphQL’s own request errors, without a stack trace', () => {
    const formatted = { message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at …'] } };
    expect(format(new GraphQLError('Cannot query field "x"'), formatted)).toEqual({ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('hide anything else behind INTERNAL_SERVER_ERROR', () => {
    const formatted = format(new TypeError('secret detail at line 3'), { message: 'secret detail at line 3', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] } });
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(formatted.message).not.toContain('secret');
  });
});
