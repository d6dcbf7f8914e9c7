import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { useMemo } from 'react';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { currentSession } from '../api/session';

const EXAMPLE = `# The order API as GraphQL; the book icon opens the schema.
# Signed in to the back office, you call it as yourself;
# else set Headers: {"Authorization": "Bearer <token>"}
query RecentOrders {
  orders(limit: 10, sort: { field: CREATED_AT, direction: DESC }) {
    nodes {
      orderNumber
      orderDate
      customerFullName
      grandTotal
      currency
      status { name }
      items { sku qty }
    }
    pageInfo { hasNextPage endCursor total }
  }
}
`;

/** GraphiQL, served by the gateway at GET /graphql outside production: queries, mutations and live subscriptions. */
export default function GraphqlExplorerPage() {
  const session = currentSession();
  const fetcher = useMemo(() => {
    const url = `${window.location.origin}/graphql`;
    // the staff token goes with queries (headers) and with subscriptions (the graphql-ws connection)
    const authorization = session ? { authorization: `Bearer ${session.token}` } : undefined;
    return createGraphiQLFetcher({ url, subscriptionUrl: url.replace(/^http/, 'ws'), headers: authorization, wsConnectionParams: authorization });
  }, [session?.token]);
  return (
    <div className="graphql-explorer">
      <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} defaultEditorToolsVisibility="variables" />
    </div>
  );
}
