import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule, GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema, specifiedRules, validate } from 'graphql';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { RpcClient } from '@oms/messaging';
import { inProduction } from '@oms/platform';
import { TokenVerifier } from '../auth/token-verifier';
import { GatewayConfig } from '../config/gateway.config';
import { INVENTORY_SERVICE, ORDER_SERVICE, SHIPMENT_SERVICE } from '../rpc/service-clients';
import { connectionAuthorization, createContext } from './context';
import { complexityPlugin, costValidationRules } from './cost-limits';
import { formatGraphqlError } from './errors';
import { RESOLVERS } from './resolvers';

/** Where GraphQL is served: POST (and GET) for queries and mutations, WebSocket (graphql-ws) for subscriptions. */
export const GRAPHQL_PATH = '/graphql';

const MAX_TIMER_MS = 2 ** 31 - 1;

/** The Apollo options of the gateway's GraphQL endpoint; the schema is built from the resolvers' decorators. */
export function graphqlOptions(config: GatewayConfig, logger: Logger, clients: { orders: RpcClient; shipments: RpcClient; inventory: RpcClient }, tokens: TokenVerifier): ApolloDriverConfig {
  const limits = { maxDepth: config.GRAPHQL_MAX_DEPTH, maxComplexity: config.GRAPHQL_MAX_COMPLEXITY };
  const format = (error: GraphQLError) => formatGraphqlError(error.toJSON(), error, logger);
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true, // in memory: schema.graphql is written by `npm run graphql:schema` and checked by a test
    sortSchema: true,
    playground: false,
    introspection: !inProduction(),
    includeStacktraceInErrorResponses: false,
    logger,
    validationRules: costValidationRules(limits),
    // the explorer at GET /graphql is the web app's (self-hosted, under its CSP), not Apollo's CDN page
    plugins: [complexityPlugin(limits), ApolloServerPluginLandingPageDisabled()],
    context: (input: Parameters<typeof createContext>[0]) => createContext(input, clients),
    formatError: (formatted, error) => formatGraphqlError(formatted, error, logger),
    subscriptions: {
      // Nest's type lists a few of graphql-ws's server options; it passes them all on
      'graphql-ws': <GraphQLWsSubscriptionsConfig>{
        path: GRAPHQL_PATH,
        // a connection without a valid token is closed at once (4403), and one whose token expires then
        // (4401, the client reconnects with a fresh token); each subscription checks its roles
        onConnect: async ({ connectionParams, extra }: { connectionParams?: Record<string, unknown>; extra: { socket: WebSocket } }) => {
          const verified = await tokens.verifyUntil(connectionAuthorization(connectionParams)).catch(() => null);
          if (!verified) return false;
          // a timer cannot wait longer than 2^31 - 1 ms (24.8 days, less than the longest token lifetime)
          const expiry = setTimeout(() => extra.socket.close(4401, 'The token expired'), Math.min(verified.expiresAt - Date.now(), MAX_TIMER_MS));
          extra.socket.once('close', () => clearTimeout(expiry));
          return true;
        },
        // graphql-ws runs operations itself: the same validation rules and error format as over HTTP
        validate: (schema: GraphQLSchema, document: DocumentNode) => validate(schema, document, [...specifiedRules, ...costValidationRules(limits)]),
        onError: (_context: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) => errors.map(format),
        onNext: (_context: unknown, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
          result.errors ? { ...result, errors: result.errors.map(format) } : result,
      },
    },
  };
}

@Module({})
export class GraphqlApiModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: GraphqlApiModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [ORDER_SERVICE, SHIPMENT_SERVICE, INVENTORY_SERVICE, TokenVerifier],
          useFactory: (orders: RpcClient, shipments: RpcClient, inventory: RpcClient, tokens: TokenVerifier) =>
            graphqlOptions(config, logger, { orders, shipments, inventory }, tokens),
        }),
      ],
      providers: RESOLVERS,
    };
  }
}
