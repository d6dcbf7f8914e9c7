import { useParams } from 'react-router';
import { Badge } from '../../ui/Badge';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { dateTime, humanize, money } from '../../ui/format';
import { OrderActions } from './OrderActions';
import { ShipmentCard } from './ShipmentCard';
import { Timeline } from './Timeline';
import { useOrder, useShipments } from './queries';

function Address({ title, address }: { title: string; address: Record<string, unknown> }) {
  const lines = ['fullName', 'company', 'address1', 'address2', 'postcode', 'city', 'province', 'country', 'telephone'].map((key) => address[key]).filter(Boolean);
  return (
    <div>
      <h3>{title}</h3>
      <address>{lines.map((line, index) => <span key={index}>{String(line)}<br /></span>)}</address>
    </div>
  );
}

export default function OrderPage() {
  const { id = '' } = useParams();
  const order = useOrder(id);
  const shipments = useShipments(id);
  if (order.error) return <><h1>Order {id}</h1><ProblemMessage error={order.error} /></>;
  if (!order.data) return <p role="status">Loading {id}…</p>;
  const o = order.data;
  const refresh = () => Promise.all([order.refetch(), shipments.refetch()]);
  const nameOf = (sku: string) => o.items.find((item) => item.sku === sku)?.name ?? sku;
  const m = (amount: number) => money(amount, o.currency);
  return (
    <article className="order">
      <header className="order-header">
        <h1>{o.orderNumber}</h1>
        <p>Placed {dateTime(o.createdAt)} by {o.customer.fullName} &lt;{o.customer.email}&gt;</p>
        <dl className="statuses">
          <div><dt>Status</dt><dd><Badge status={o.status} label="Status" /></dd></div>
          <div><dt>Payment</dt><dd><Badge status={o.paymentStatus} label="Payment" /></dd></div>
          <div><dt>Shipment</dt><dd><Badge status={o.shipmentStatus} label="Shipment" /></dd></div>
          <div><dt>Stock</dt><dd>{humanize(o.inventoryStatus)}</dd></div>
        </dl>
        {o.cancelPending && <p className="notice" role="status">A cancel was requested and waits for the shipment service to confirm that nothing shipped.</p>}
        {o.cancelReason && <p className="notice">Canceled: {o.cancelReason}</p>}
      </header>
      <OrderActions order={o} onDone={refresh} />

      <section aria-labelledby="items-title">
        <h2 id="items-title">Items</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">SKU</th><th scope="col">Item</th><th scope="col" className="number">Qty</th><th scope="col" className="number">Shipped</th><th scope="col" className="number">Price</th><th scope="col" className="number">Line total</th></tr></thead>
            <tbody>
              {o.items.map((item) => (
                <tr key={item.orderItemId}>
                  <td>{item.sku}</td><td>{item.name}</td><td className="number">{item.qty}</td><td className="number">{item.shippedQty}</td>
                  <td className="number">{m(item.finalPrice)}</td><td className="number">{m(item.lineTotal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className="totals">
          <div><dt>Subtotal</dt><dd>{m(o.subTotal)}</dd></div>
          <div><dt>Discount</dt><dd>{m(o.discountAmount)}</dd></div>
          <div><dt>Tax</dt><dd>{m(o.taxAmount)}</dd></div>
          <div><dt>Shipping</dt><dd>{m(o.shippingFee)}</dd></div>
          <div className="grand"><dt>Total</dt><dd>{m(o.grandTotal)}</dd></div>
        </dl>
      </section>

      <section className="two-columns" aria-label="Addresses">
        <Address title="Shipping address" address={o.shippingAddress} />
        <Address title="Billing address" address={o.billingAddress} />
      </section>

      <section aria-labelledby="shipments-title">
        <h2 id="shipments-title">Shipments</h2>
        <ProblemMessage error={shipments.error} />
        {shipments.data?.items.length === 0 && <p>Nothing shipped yet.</p>}
        <div className="cards">
          {shipments.data?.items.map((shipment) => <ShipmentCard key={shipment.shipmentId} orderId={o.id} shipment={shipment} nameOf={nameOf} onDone={refresh} />)}
        </div>
      </section>

      <section aria-labelledby="payments-title">
        <h2 id="payments-title">Payments</h2>
        <p>Authorized {m(o.payment.authorized)} · captured {m(o.payment.captured)} · refunded {m(o.payment.refunded)} · refundable {m(o.payment.refundable)}</p>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">When</th><th scope="col">Type</th><th scope="col">Provider</th><th scope="col">Reference</th><th scope="col" className="number">Amount</th></tr></thead>
            <tbody>
              {o.payments.map((entry) => (
                <tr key={entry.transactionId}><td>{dateTime(entry.createdAt)}</td><td>{humanize(entry.type)}</td><td>{entry.provider}</td><td>{entry.reference}</td><td className="number">{m(entry.amount)}</td></tr>
              ))}
              {!o.payments.length && <tr><td colSpan={5}>No payments recorded.</td></tr>}
            </tbody>
          </table>
        </div>
        {o.refunds.length > 0 && (
          <>
            <h3>Refunds</h3>
            <ul className="plain">
              {o.refunds.map((r) => (
                <li key={r.refundId}>{dateTime(r.createdAt)}: {m(r.amount)}, {r.reason}{r.items.length ? ` (${r.items.map((line) => `${line.qty} × ${nameOf(line.sku)}${line.restock ? ', restocked' : ''}`).join('; ')})` : ''}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      <Timeline orderId={o.id} activities={o.activities} />
    </article>
  );
}
