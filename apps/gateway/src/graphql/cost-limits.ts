import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, GraphQLSchema, ValidationContext, ValidationRule } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface CostLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** Aliases multiply a field without nesting it: as many as a screen needs, not thousands of copies of `orders`. */
const MAX_ALIASES = 30;

/** A refusal is reported as a validation error of the request (thrown, Apollo would answer it as a 500). */
const report = { propagateOnRejection: false, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)] };

/** Refused while validating, before anything runs: too deep a query, or too many aliases. */
export const costValidationRules = (limits: CostLimits): ValidationRule[] => [
  maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, exposeLimits: true, ...report }),
  maxAliasesRule({ n: MAX_ALIASES, exposeLimits: true, ...report }),
];

/**
 * Refuses an operation whose cost is over the limit before it runs: each field costs 1, a list its
 * elements' cost times its size (a page's `limit`, or the typical length of items, shipments and
 * activities declared on the field), so one query cannot fan out into thousands of rows of RPC work.
 * The cost of what ran is in `extensions.cost`.
 */
export function complexityPlugin(limits: CostLimits): ApolloServerPlugin {
  let schema: GraphQLSchema;
  return {
    async serverWillStart(service) {
      schema = service.schema;
    },
    async requestDidStart() {
      let cost = 0;
      return {
        async didResolveOperation({ request, document }) {
          cost = getComplexity({
            schema, query: document, operationName: request.operationName, variables: request.variables,
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > limits.maxComplexity) {
            throw new GraphQLError(`The query costs ${cost}, more than the ${limits.maxComplexity} allowed: ask for fewer fields or smaller pages.`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: limits.maxComplexity, http: { status: 400 } },
            });
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
        },
      };
    },
  };
}
