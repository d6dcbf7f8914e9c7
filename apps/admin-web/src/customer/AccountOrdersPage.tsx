import { useQuery } from '@tanstack/react-query';
import type { Page } from '@contracts/common/page';
import type { OrderSummaryView } from '@contracts/orders/order-queries.dto';
import { api } from '../api/client';
import { Badge } from '../ui/Badge';
import { ProblemMessage } from '../ui/ProblemMessage';
import { dateTime, money } from '../ui/format';

const KEY = 'oms.customer-token';

/**
 * A signed-in customer's order history. The shop's storefront signs the customer in and links here with
 * the customer's token in the fragment (`#token=…`), which never reaches a server log; it is kept for the tab.
 */
function customerToken(): string | null {
  const fromLink = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromLink) {
    sessionStorage.setItem(KEY, fromLink);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(KEY);
}

export default function AccountOrdersPage() {
  const token = customerToken();
  const orders = useQuery({
    queryKey: ['my-orders', token],
    queryFn: () => api<Page<OrderSummaryView>>('/api/me/orders', { token, query: { limit: 50 } }),
    enabled: !!token,
  });
  return (
    <main className="customer" id="main">
      <h1>Your orders</h1>
      {!token && <p>Sign in at the shop to see your orders.</p>}
      <ProblemMessage error={orders.error} />
      {orders.data?.items.length === 0 && <p>You have not ordered yet.</p>}
      <ul className="plain order-history">
        {orders.data?.items.map((order) => (
          <li key={order.id} className="card">
            <h2>{order.orderNumber}</h2>
            <p>{dateTime(order.createdAt)} · {order.totalQty} items · {money(order.grandTotal, order.currency)}</p>
            <p><Badge status={order.status} label="Status" /> <Badge status={order.shipmentStatus} label="Shipment" /></p>
          </li>
        ))}
      </ul>
    </main>
  );
}
