import { FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { OrderStatusPageView } from '@contracts/orders/order-status-page';
import { api } from '../api/client';
import { validateForm } from '../forms/validate';
import { Field } from '../ui/Field';
import { ProblemMessage } from '../ui/ProblemMessage';
import { dateTime, humanize, money } from '../ui/format';

const STEP_NAMES = { confirmed: 'Confirmed', shipped: 'Shipped', out_for_delivery: 'Out for delivery', delivered: 'Delivered' } as const;

function Progress({ page }: { page: OrderStatusPageView }) {
  if (page.outcome === 'canceled' || page.outcome === 'refunded') {
    return <p className="outcome outcome-ended" role="status">{page.outcome === 'canceled' ? 'This order was canceled' : 'This order was refunded'}{page.reason ? `: ${page.reason}` : '.'}</p>;
  }
  const current = page.steps.filter((step) => step.done).at(-1)?.step;
  return (
    <ol className="steps" aria-label="Progress">
      {page.steps.map((step) => (
        <li key={step.step} className={step.done ? 'done' : undefined} aria-current={step.step === current ? 'step' : undefined}>
          <span aria-hidden="true">{step.done ? '✓' : '○'}</span> {STEP_NAMES[step.step]}
          <span className="visually-hidden">{step.done ? ' (done)' : ' (not yet)'}</span>
        </li>
      ))}
    </ol>
  );
}

function StatusPage({ page }: { page: OrderStatusPageView }) {
  const m = (amount: number) => money(amount, page.currency);
  return (
    <article>
      <h1>Order {page.orderNumber}</h1>
      <p>Placed {dateTime(page.placedAt)} · {m(page.grandTotal)}</p>
      <Progress page={page} />
      {page.parcels.length > 0 && (
        <section aria-labelledby="parcels-title">
          <h2 id="parcels-title">Parcels</h2>
          {page.parcels.map((parcel) => (
            <article key={parcel.shipmentNumber} className="card">
              <h3>{parcel.shipmentNumber}: {humanize(parcel.status)}</h3>
              <p>
                {parcel.carrier}
                {parcel.trackingNumber && <> · {parcel.trackingUrl ? <a href={parcel.trackingUrl} target="_blank" rel="noreferrer noopener">Track {parcel.trackingNumber}</a> : parcel.trackingNumber}</>}
              </p>
              <ul className="plain">{parcel.items.map((item, index) => <li key={index}>{item.qty} × {item.name}</li>)}</ul>
              {parcel.history.length > 0 && <ol className="plain history">{parcel.history.map((entry, index) => <li key={index}>{dateTime(entry.occurredAt)}: {humanize(entry.status)}</li>)}</ol>}
            </article>
          ))}
        </section>
      )}
      <section aria-labelledby="items-title">
        <h2 id="items-title">Items</h2>
        <ul className="plain">{page.items.map((item) => <li key={item.sku}>{item.qty} × {item.name} · {m(item.lineTotal)}</li>)}</ul>
      </section>
      {page.updates.length > 0 && (
        <section aria-labelledby="updates-title">
          <h2 id="updates-title">Updates</h2>
          <ol className="plain">{[...page.updates].reverse().map((update, index) => <li key={index}><time dateTime={update.at}>{dateTime(update.at)}</time> {update.message}</li>)}</ol>
        </section>
      )}
    </article>
  );
}

/** The customer's order page: from the signed link in a message, or by order number and email. */
export default function OrderStatusPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [page, setPage] = useState<OrderStatusPageView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!token) return;
    api<OrderStatusPageView>('/api/order-status/by-link', { method: 'POST', body: { token }, token: null }).then(setPage, setError);
  }, [token]);
  const lookUp = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = { orderNumber: String(form.get('orderNumber') ?? '').trim(), email: String(form.get('email') ?? '').trim() };
    setError(null);
    try {
      await validateForm('OrderStatusLookupDto', body);
      setPage(await api<OrderStatusPageView>('/api/order-status/lookup', { method: 'POST', body, token: null }));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <main className="customer" id="main">
      {page ? <StatusPage page={page} /> : (
        <>
          <h1>Your order</h1>
          {token && !error && <p role="status">Loading your order…</p>}
          <ProblemMessage error={error} />
          {(!token || error) && (
            <form onSubmit={lookUp} noValidate aria-label="Find your order">
              <p>Enter the order number from your confirmation email and the email address you ordered with.</p>
              <Field label="Order number" name="orderNumber" error={error}><input required placeholder="ORD-000123" /></Field>
              <Field label="Email" name="email" error={error}><input type="email" autoComplete="email" required /></Field>
              <button type="submit" className="primary">Show my order</button>
            </form>
          )}
        </>
      )}
    </main>
  );
}
